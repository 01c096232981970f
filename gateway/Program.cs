using AtlasGrains.Gateway.Hosting;

GatewayApplication.Build(args).Run();
