namespace AtlasGrains.Grains.Users;

/// <summary>Where a user's list row stands: a crash between the user's write and the list grain's leaves it Creating or Deleting.</summary>
internal enum ListRowState
{
    Creating,
    Active,
    Deleting,
}
