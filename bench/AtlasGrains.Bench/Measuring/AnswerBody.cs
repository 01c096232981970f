using System.Buffers;

namespace AtlasGrains.Bench.Measuring;

/// <summary>
/// Reads an answer's body to its end and throws it away, as wrk does. The load generator shares the machine's cores with
/// the system it measures, so its own cost per answer should be as small as a client's can be: buffering a list's
/// 290 KB answer into a new array (HttpClient's default) took a large-object allocation per answer, and the garbage
/// collections they caused fell on the same cores as the gateway's work.
/// </summary>
internal static class AnswerBody
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>Sends <paramref name="request"/> and reads the whole body; the caller disposes the answer.</summary>
    public static async Task<HttpResponseMessage> SendAndDrainAsync(HttpClient http, HttpRequestMessage request)
    {
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        try
        {
            await DrainAsync(response);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task DrainAsync(HttpResponseMessage response)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync();
            while (await body.ReadAsync(chunk) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
