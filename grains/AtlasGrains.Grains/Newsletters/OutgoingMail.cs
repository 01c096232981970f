namespace AtlasGrains.Grains.Newsletters;

/// <summary>A mail waiting in the outbox; its id is the message id, so a resend after a crash is recognisable.</summary>
[GenerateSerializer, Alias("AtlasGrains.OutgoingMail")]
public sealed record OutgoingMail([property: Id(0)] Guid Id, [property: Id(1)] OutgoingMailKind Kind, [property: Id(2)] string[] NewsletterIds);
