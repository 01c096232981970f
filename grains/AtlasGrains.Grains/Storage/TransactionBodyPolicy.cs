using Azure.Core;
using Azure.Core.Pipeline;

namespace AtlasGrains.Grains.Storage;

/// <summary>
/// Sends an entity-group transaction's body from one pooled buffer of known length. The SDK's multipart body tells
/// its length by serializing every operation in it to strings, and then serializes them all again to send them:
/// under the bench's marks that first pass was a third of the silo's string allocations, and the silo was paused in
/// collections a fifth of the time (bench/findings/mark-cpu.md). Here the body is serialized once, into a buffer from a
/// pool, which goes back to the pool when the request is done; its retries resend the same bytes.
/// </summary>
internal sealed class TransactionBodyPolicy : HttpPipelinePolicy
{
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!IsTransaction(message))
        {
            await ProcessNextAsync(message, pipeline);
            return;
        }

        using var body = PooledBuffers.Get(nameof(TransactionBodyPolicy));
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

        using var body = PooledBuffers.Get(nameof(TransactionBodyPolicy));
        message.Request.Content!.WriteTo(body, message.CancellationToken);
        message.Request.Content = RequestContent.Create(body.GetReadOnlySequence());
        ProcessNext(message, pipeline);
    }

    /// <summary>A transaction the SDK built; those of <see cref="Transactions.DirectTransactions"/> come serialized once already.</summary>
    private static bool IsTransaction(HttpMessage message) =>
        message.Request.Content is not null && message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal)
        && !message.TryGetProperty(Transactions.DirectTransactions.MessageProperty, out _);
}
