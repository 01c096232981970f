namespace AtlasGrains.Tests.Infrastructure;

/// <summary>One 2-silo cluster and one gateway shared by the grain and HTTP tests; tests use fresh keys.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private AtlasCluster? _cluster;
    private GatewayHost? _gateway;
    private MailSink? _mail;

    public AtlasCluster Cluster => _cluster ?? throw new InvalidOperationException("Not started.");

    public GatewayHost Gateway => _gateway ?? throw new InvalidOperationException("Not started.");

    public IGrainFactory Grains => Cluster.Grains;

    /// <summary>The SMTP server the silos send to.</summary>
    public MailSink Mail => _mail ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _mail = await MailSink.StartAsync();
        _cluster = await AtlasCluster.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Testing:FakeClock"] = "true",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = _mail.Port.ToString(),
        });
        _gateway = await GatewayHost.StartAsync(_cluster);
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
        if (_cluster is not null) await _cluster.DisposeAsync();
        if (_mail is not null) await _mail.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
