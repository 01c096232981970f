namespace AtlasGrains.Tests.Infrastructure;

/// <summary>One 2-silo cluster and one gateway shared by the grain and HTTP tests; tests use fresh keys.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private AtlasCluster? _cluster;
    private GatewayHost? _gateway;

    public AtlasCluster Cluster => _cluster ?? throw new InvalidOperationException("Not started.");

    public GatewayHost Gateway => _gateway ?? throw new InvalidOperationException("Not started.");

    public IGrainFactory Grains => Cluster.Grains;

    public async Task InitializeAsync()
    {
        _cluster = await AtlasCluster.StartAsync();
        _gateway = await GatewayHost.StartAsync(_cluster);
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
