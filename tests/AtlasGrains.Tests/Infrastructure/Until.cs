namespace AtlasGrains.Tests.Infrastructure;

/// <summary>Waits for something another process or a one-way message brings about, failing the test past a deadline.</summary>
public static class Until
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"The condition did not come true within {timeout}.");
            await Task.Delay(50);
        }
    }
}
