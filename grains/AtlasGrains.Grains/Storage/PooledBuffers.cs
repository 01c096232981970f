using Microsoft.IO;

namespace AtlasGrains.Grains.Storage;

/// <summary>The buffers transactions' bodies are written into, from one pool for the process.</summary>
internal static class PooledBuffers
{
    /// <summary>
    /// Keeps at most 8 MiB of free blocks (64 of 128 KiB, about 70 KiB for a full transaction of marks): a silo has a
    /// few dozen transactions in flight at most, and the library's default keeps every block ever returned.
    /// </summary>
    private static readonly RecyclableMemoryStreamManager Manager = new(new RecyclableMemoryStreamManager.Options
    {
        MaximumSmallPoolFreeBytes = 8 * 1024 * 1024,
        MaximumLargePoolFreeBytes = 8 * 1024 * 1024,
    });

    /// <summary>An empty buffer; disposing it returns its blocks to the pool.</summary>
    public static RecyclableMemoryStream Get(string tag) => Manager.GetStream(tag);
}
