namespace AtlasGrains.Grains.Newsletters;

[GenerateSerializer, Alias("AtlasGrains.OutgoingMailKind")]
public enum OutgoingMailKind
{
    Confirmation = 0,
    Welcome = 1,
}
