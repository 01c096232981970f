namespace AtlasGrains.Tests.Infrastructure;

internal static class RepositoryRoot
{
    /// <summary>The folder holding AtlasGrains.sln, found upwards from the test binaries.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "AtlasGrains.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AtlasGrains.sln not found above " + AppContext.BaseDirectory);
    }
}
