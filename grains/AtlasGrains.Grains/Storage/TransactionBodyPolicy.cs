using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.IO;

namespace AtlasGrains.Grains.Storage;

/// <summary>
/// Sends an entity-group transaction's body from one pooled buffer of known length. The SDK's multipart body tells
/// its length by serializing every operation in it to strings, and then serializes them all again to send them:
/// under the bench's marks that first pass was a third of the silo's string allocations, and the silo was paused in
/// collections a fifth of the time (bench/README.md). Here the body is serialized once, into a buffer from a pool,
/// which goes back to the pool when the request is done; its retries resend the same bytes.
/// </summary>
internal sealed class TransactionBodyPolicy : HttpPipelinePolicy
{
    /// <summary>
    /// Keeps at most 8 MiB of free blocks (64 of 128 KiB, about 70 KiB for a full transaction of marks): a silo has a few dozen
    /// transactions in flight at most, and the library's default keeps every block ever returned.
    /// </summary>
    private static readonly RecyclableMemoryStreamManager Buffers = new(new RecyclableMemoryStreamManager.Options
    {
        MaximumSmallPoolFreeBytes = 8 * 1024 * 1024,
        MaximumLargePoolFreeBytes = 8 * 1024 * 1024,
    });

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!IsTransaction(message))
        {
            await ProcessNextAsync(message, pipeline);
            return;
        }

        using var body = Buffers.GetStream(nameof(TransactionBodyPolicy));
        await message.Request.Content!.WriteToAsync(body, message.CancellationToken);
        message.Request.Content = RequestContent.Create(body.GetReadOnlySequence());
        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!IsTransaction(message))
        {
            ProcessNext(message, pipeline);
            return;
        }

        using var body = Buffers.GetStream(nameof(TransactionBodyPolicy));
        message.Request.Content!.WriteTo(body, message.CancellationToken);
        message.Request.Content = RequestContent.Create(body.GetReadOnlySequence());
        ProcessNext(message, pipeline);
    }

    private static bool IsTransaction(HttpMessage message) =>
        message.Request.Content is not null && message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal);
}
