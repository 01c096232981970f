namespace AtlasGrains.Hosting.Configuration;

/// <summary>A setting is missing or malformed: the host stops at once with this message, instead of retrying.</summary>
public sealed class StartupConfigurationException(string message) : Exception(message);
