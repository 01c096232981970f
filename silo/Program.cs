using AtlasGrains.Hosting.Configuration;
using AtlasGrains.Hosting.Health;
using AtlasGrains.Hosting.Telemetry;
using AtlasGrains.Silo.Dashboard;
using AtlasGrains.Silo.Hosting;

return await HostRunner.RunAsync(() =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.UseOrleans(silo => silo
        .UseAtlasCluster(builder.Configuration)
        .AddAtlasGrains(builder.Configuration));
    builder.AddAtlasTelemetry("atlasgrains-silo");
    builder.Services.AddAtlasHealthChecks();
    builder.Services.AddDashboardAccess();

    var app = builder.Build();
    app.UseAuthentication();
    app.UseAuthorization();
    app.MapHealth();
    app.MapProtectedDashboard();
    return app;
});
