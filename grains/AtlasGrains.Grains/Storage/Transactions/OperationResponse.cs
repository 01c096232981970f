using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace AtlasGrains.Grains.Storage.Transactions;

/// <summary>
/// What storage answered one action of a transaction: its status and the row's new ETag, the only header our writers
/// read. An Azure <see cref="Response"/>, so callers read it as they read the SDK's answers (<c>Headers.ETag</c>).
/// </summary>
internal sealed class OperationResponse(int status, string? etag) : Response
{
    public override int Status => status;

    public override string ReasonPhrase => "";

    public override Stream? ContentStream { get => null; set { } }

    public override string ClientRequestId { get; set; } = "";

    public override void Dispose()
    {
    }

    protected override bool ContainsHeader(string name) => TryGetHeader(name, out _);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => etag is null ? [] : [new HttpHeader(HttpHeader.Names.ETag, etag)];

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = etag is not null && string.Equals(name, HttpHeader.Names.ETag, StringComparison.OrdinalIgnoreCase) ? etag : null;
        return value is not null;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = TryGetHeader(name, out var value) ? [value] : null;
        return values is not null;
    }
}
