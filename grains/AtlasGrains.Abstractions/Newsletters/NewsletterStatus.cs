namespace AtlasGrains.Abstractions.Newsletters;

[GenerateSerializer, Alias("AtlasGrains.NewsletterStatus")]
public enum NewsletterStatus
{
    Pending = 0,
    Subscribed = 1,
    Unsubscribed = 2,
}
