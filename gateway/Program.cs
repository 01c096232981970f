using AtlasGrains.Gateway.Hosting;
using AtlasGrains.Hosting.Configuration;

return await HostRunner.RunAsync(() => GatewayApplication.Build(args));
