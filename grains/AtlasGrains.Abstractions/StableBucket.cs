using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AtlasGrains.Abstractions;

/// <summary>
/// Which of <c>count</c> buckets a key belongs to: the first four bytes of its SHA-256, the same in every process and
/// version forever (string.GetHashCode is randomized per process), because stored rows are found by it.
/// </summary>
public static class StableBucket
{
    public static int Of(string key, int count) =>
        (int)(BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(key))) % (uint)count);
}
