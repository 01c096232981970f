using AtlasGrains.Abstractions.Discovery;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace AtlasGrains.Grains.Discovery.Index;

/// <summary>
/// Full-text search over the places' name, subtitle, city, country and tags with Lucene.Net, in memory. Every
/// word of a query must match a word of some field, whole or as a prefix of 3+ letters, after case and accent
/// folding; whole words and names weigh more. Thread-safe: Lucene's writer and searcher manager are.
/// </summary>
/// <remarks>
/// Matching runs on one "all" field holding every searchable field's words: two clauses per query word instead of
/// two per word and field, which keeps common words cheap at 100k places. Weights come from optional clauses on the
/// name and tags, which only rank what already matched.
/// </remarks>
internal sealed class PlaceSearch : IDisposable
{
    private const string IdField = "id";
    private const int MinPrefixLength = 3;
    private const int MaxQueryWords = 12;

    private const string AllField = "all";

    /// <summary>Fields whose whole-word matches rank a place higher, and by how much.</summary>
    private static readonly (string Name, float Weight)[] RankingFields = [("name", 3f), ("tag", 2f), ("city", 1.5f)];

    private readonly FoldingAnalyzer _analyzer = new();
    private readonly RAMDirectory _directory = new();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;

    public PlaceSearch()
    {
        _writer = new IndexWriter(_directory, new IndexWriterConfig(FoldingAnalyzer.Version, _analyzer) { OpenMode = OpenMode.CREATE });
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, searcherFactory: null);
    }

    public void Put(PlaceSummary place)
    {
        var document = new Document
        {
            new StringField(IdField, place.Id, Field.Store.YES),
            new TextField("name", place.Name, Field.Store.NO),
            new TextField("city", place.City, Field.Store.NO),
        };
        foreach (var tag in place.Tags)
        {
            document.Add(new TextField("tag", tag, Field.Store.NO));
        }

        foreach (var text in new[] { place.Name, place.Subtitle, place.City, place.Country }.Concat(place.Tags))
        {
            document.Add(new TextField(AllField, text, Field.Store.NO));
        }

        _writer.UpdateDocument(new Term(IdField, place.Id), document);
    }

    /// <summary>
    /// Makes what was put so far searchable (cheap when nothing changed). Blocking: the shards load in parallel, and a
    /// refresh another thread has under way may have started before this caller's documents went in, so returning
    /// beside it (as MaybeRefresh does) left them unsearchable until the next follow round, even once the index said
    /// it was loaded.
    /// </summary>
    public void Refresh() => _searchers.MaybeRefreshBlocking();

    /// <summary>Ids of the best matches, best first; none when the query has no words.</summary>
    public List<string> Search(string text, int limit)
    {
        var words = _analyzer.Words(text).Distinct().Take(MaxQueryWords).ToList();
        if (words.Count == 0)
        {
            return [];
        }

        var query = new BooleanQuery();
        foreach (var word in words)
        {
            query.Add(Matching(word), Occur.MUST);
            foreach (var (field, weight) in RankingFields)
            {
                query.Add(new TermQuery(new Term(field, word)) { Boost = weight }, Occur.SHOULD);
            }
        }

        var searcher = _searchers.Acquire();
        try
        {
            return [.. searcher.Search(query, limit).ScoreDocs.Select(hit => searcher.Doc(hit.Doc).Get(IdField))];
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }

    /// <summary>The word anywhere, whole (counting double) or as the prefix of a longer word.</summary>
    private static BooleanQuery Matching(string word)
    {
        var matching = new BooleanQuery { { new TermQuery(new Term(AllField, word)) { Boost = 2 }, Occur.SHOULD } };
        if (word.Length >= MinPrefixLength)
        {
            matching.Add(new PrefixQuery(new Term(AllField, word)), Occur.SHOULD);
        }

        return matching;
    }
}
