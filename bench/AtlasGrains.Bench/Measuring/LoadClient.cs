namespace AtlasGrains.Bench.Measuring;

/// <summary>
/// The HTTP client every load goes through: a fixed pool of connections, like wrk2's. Without a cap, an open loop
/// answers any stall of the server by opening a new connection for every request due meanwhile (HTTP/1.1 sends one
/// request per connection at a time), and the server then pays for thousands of connection set-ups on top of the
/// backlog: a 40 ms pause snowballed into seconds of latency and 20,000 sockets here. With the cap, requests due
/// during a stall wait for a connection inside the client, and that wait still counts, from their intended send time.
/// </summary>
internal static class LoadClient
{
    /// <summary>
    /// A client of four connections per request a closed loop keeps in flight (256 for the usual 64): the closed loops
    /// never wait for one, and an open loop has room for its bursts after a pause.
    /// </summary>
    public static HttpClient Create(Uri address, int closedLoopInFlight) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 4 * closedLoopInFlight })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
}
