namespace AtlasGrains.Gateway.Contracts;

public sealed record NewsletterResponse(string Id, string Title, string Description, string Frequency);

/// <param name="Website">A honeypot: the site's form hides it, people leave it empty, bots fill it in.</param>
public sealed record SubscribeRequest(string? Email, string[]? NewsletterIds, string? Source, string? Website);

public sealed record SubscribeResponse(string Status);

public sealed record TokenBody(string? Token);

public sealed record ConfirmedResponse(string[] NewsletterIds);

public sealed record MyNewsletterResponse(string NewsletterId, string Status);

public sealed record ItemsResponse<T>(IReadOnlyList<T> Items);
