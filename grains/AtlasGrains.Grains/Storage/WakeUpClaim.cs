namespace AtlasGrains.Grains.Storage;

/// <summary>One owner's hold on a transaction's wake-up row (<see cref="BatchWakeUp"/>); releasing twice is releasing once.</summary>
internal sealed class WakeUpClaim(BatchWakeUp row)
{
    private int _released;

    public void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            row.Release();
        }
    }
}
