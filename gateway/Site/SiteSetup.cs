namespace AtlasGrains.Gateway.Site;

public static class SiteSetup
{
    /// <summary>
    /// The site: plain files from the web root (wwwroot, copied next to the build output), "/" being index.html. Only
    /// files that exist are served and only when no endpoint matched, so an unknown /api/... path stays a
    /// problem+json 404. The pages load nothing but this origin's own files and API.
    /// </summary>
    public static WebApplication UseAtlasSite(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                // Revalidate every time (cheap with ETags): a new build of the site is seen at once.
                headers.CacheControl = "no-cache";
                headers.XContentTypeOptions = "nosniff";
                headers.ContentSecurityPolicy =
                    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
                headers["Referrer-Policy"] = "same-origin";
            },
        });
        return app;
    }
}
