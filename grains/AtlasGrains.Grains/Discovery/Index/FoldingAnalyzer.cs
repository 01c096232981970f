using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace AtlasGrains.Grains.Discovery.Index;

/// <summary>Words, lower-cased and folded to ASCII ("Reykjavík" is "reykjavik"), for indexing and for queries alike.</summary>
internal sealed class FoldingAnalyzer : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream words = new LowerCaseFilter(Version, tokenizer);
        words = new ASCIIFoldingFilter(words);
        return new TokenStreamComponents(tokenizer, words);
    }

    /// <summary>The words of a query, as the index stores them.</summary>
    public IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        using var stream = GetTokenStream("query", new StringReader(text));
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            words.Add(term.ToString());
        }

        stream.End();
        return words;
    }
}
