namespace AtlasGrains.Tests.Infrastructure;

/// <summary>
/// What a real client does when a call fails or times out: the same request again, after a growing pause,
/// a bounded number of times. Counts the failed attempts so fault tests can show the faults really hit.
/// </summary>
public sealed class ClientRetry(int maxAttempts = 10)
{
    private int _failedAttempts;

    public int FailedAttempts => _failedAttempts;

    /// <summary>The call's result; rethrows the last failure once every attempt failed.</summary>
    public async Task<T> RunAsync<T>(Func<int, Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(attempt);
            }
            catch (Exception) when (attempt < maxAttempts)
            {
                Interlocked.Increment(ref _failedAttempts);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    /// <summary>True once the call succeeded; false when every attempt failed (the outcome is then unknown).</summary>
    public async Task<bool> TryAsync(Func<Task> call)
    {
        try
        {
            await RunAsync(async _ =>
            {
                await call();
                return true;
            });
            return true;
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _failedAttempts);
            return false;
        }
    }
}
