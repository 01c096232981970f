using System.Net.Http.Json;
using AtlasGrains.Gateway.Auth;
using AtlasGrains.Grains.Relations;
using AtlasGrains.Grains.Storage;
using AtlasGrains.Grains.Users;
using AtlasGrains.Tests.Infrastructure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AtlasGrains.Tests.Security;

/// <summary>
/// A quiet cluster and gateway of their own, with an owner (a private and a public list holding a place, marks)
/// and another reader: the matrix and the hostile corpus run against it and compare table snapshots.
/// </summary>
public sealed class SecurityFixture : IAsyncLifetime
{
    private AtlasCluster? _cluster;
    private GatewayHost? _gateway;

    public AtlasCluster Cluster => _cluster!;

    public GatewayHost Gateway => _gateway!;

    public Api.Account Owner { get; private set; } = null!;

    public Api.Account Other { get; private set; } = null!;

    public string PlaceId { get; private set; } = "";

    public string PrivateListId { get; private set; } = "";

    public string PublicListId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _cluster = await AtlasCluster.StartAsync();
        _gateway = await GatewayHost.StartAsync(_cluster);
        Owner = await Api.JoinAsync(Gateway, "Owner");
        Other = await Api.JoinAsync(Gateway, "Other");
        PlaceId = await Api.CreatePlaceAsync(Gateway, Owner.Token);
        PrivateListId = await Api.CreateListAsync(Gateway, Owner, "private");
        PublicListId = await Api.CreateListAsync(Gateway, Owner, "public");
        using var owner = Gateway.Client(Owner.Token);
        await owner.PutAsJsonAsync($"/api/lists/{PrivateListId}/items/{PlaceId}", new { note = "secret" });
        await owner.PutAsJsonAsync($"/api/lists/{PublicListId}/items/{PlaceId}", new { note = "shared" });
        await owner.PutAsync($"/api/me/been-here/{PlaceId}", null);
        // Quiet before anyone snapshots the tables: outbox rows swept, the place's counts stored in the catalog.
        var truth = new StoredTruth(Cluster);
        await truth.WaitForOutboxSweptAsync(TimeSpan.FromSeconds(60));
        await truth.WaitForCatalogCountsAsync(PlaceId, TimeSpan.FromSeconds(60));
    }

    /// <summary>A token for the owner that expired an hour ago, signed with the right key.</summary>
    public string ExpiredToken()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2));
        var issuer = new TokenIssuer(Options.Create(new AuthOptions { SigningKey = GatewayHost.SigningKey, TokenLifetime = TimeSpan.FromMinutes(5) }), clock);
        return issuer.Issue(Owner.UserId).Token;
    }

    /// <summary>A well-formed token for the owner signed with someone else's key.</summary>
    public string ForeignToken()
    {
        var issuer = new TokenIssuer(Options.Create(new AuthOptions { SigningKey = new string('k', 48) }), TimeProvider.System);
        return issuer.Issue(Owner.UserId).Token;
    }

    /// <summary>Every row of this cluster's tables (without storage timestamps), to prove a request changed nothing.</summary>
    public async Task<SortedSet<string>> SnapshotAsync()
    {
        var rows = new SortedSet<string>(StringComparer.Ordinal);
        var bucketTables = AtlasTables.BucketTables(AtlasTables.UserMarksTable, UserRows.Buckets)
            .Concat(AtlasTables.BucketTables(AtlasTables.PlaceRelationsTable, PlaceRelationBuckets.Buckets));
        foreach (var table in new[] { "places", "listitems", "newsletterrelations", "grainstate" }.Concat(bucketTables))
        {
            try
            {
                await foreach (var row in Cluster.Table(table).QueryAsync<TableEntity>())
                {
                    rows.Add(table + " " + string.Join(";", row.Keys.Where(key => key is not ("odata.etag" or "Timestamp")).Order()
                        .Select(key => $"{key}={row[key]}")));
                }
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 404)
            {
            }
        }

        return rows;
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<SecurityFixture>
{
    public const string Name = "security";
}
