using Microsoft.AspNetCore.Authentication;
using Orleans.Dashboard;

namespace AtlasGrains.Silo.Dashboard;

public static class DashboardSetup
{
    public const string RoutePrefix = "/dashboard";
    private const string Policy = "dashboard";

    /// <summary>Operator credentials for the dashboard, validated at start-up.</summary>
    public static IServiceCollection AddDashboardAccess(this IServiceCollection services)
    {
        services.AddOptions<DashboardAccessOptions>().BindConfiguration("Dashboard").ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthentication(BasicAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.RequireAuthenticatedUser());
        return services;
    }

    /// <summary>The Orleans Dashboard at /dashboard, for authenticated operators only.</summary>
    public static IEndpointRouteBuilder MapProtectedDashboard(this IEndpointRouteBuilder routes)
    {
        routes.MapOrleansDashboard(RoutePrefix).RequireAuthorization(Policy);
        return routes;
    }
}
