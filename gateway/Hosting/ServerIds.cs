using System.Text.RegularExpressions;

namespace AtlasGrains.Gateway.Hosting;

/// <summary>User and list ids are chosen by the server: 32 lowercase hex digits. Anything else names nothing.</summary>
public static partial class ServerIds
{
    public static bool IsValid(string id) => Pattern().IsMatch(id);

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Pattern();
}
