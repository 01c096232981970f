using AtlasGrains.Silo.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo
    .UseAtlasCluster(builder.Configuration)
    .AddAtlasGrains(builder.Configuration));

builder.Build().Run();
