using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.NetworkInformation;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace AtlasGrains.Bench.Marks;

/// <summary>
/// The SMTP server the silo mails to during S5 (the SmtpServer library on a loopback port, in this driver): it
/// accepts every message and only counts them by recipient, so mail delivery costs the system what a fast relay
/// would, and each acknowledged signup's confirmation mail can be checked to have arrived, once.
/// </summary>
internal sealed class MailSink : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _byRecipient = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _running = new();
    private Task _serving = Task.CompletedTask;

    public long Received => _byRecipient.Values.Sum(count => (long)count);

    public int ReceivedBy(string address) => _byRecipient.GetValueOrDefault(address);

    public static async Task<MailSink> StartAsync(int port)
    {
        if (IsListening(port))
        {
            throw new InvalidOperationException($"Port {port} for the bench's SMTP sink is taken (set SMTP_PORT): the silo would mail someone else's server.");
        }

        var sink = new MailSink();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("atlasgrains-bench")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new CountingStore(sink._byRecipient));
        sink._serving = new SmtpServer.SmtpServer(options, services).StartAsync(sink._running.Token);
        await WaitUntilListeningAsync(port);
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await _running.CancelAsync();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        _running.Dispose();
    }

    /// <summary>The server binds its port in the background: the silo must not try to mail before it does.</summary>
    private static async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!IsListening(port))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The bench's SMTP sink did not listen on port {port} within 10 s.");
            }

            await Task.Delay(20);
        }
    }

    private static bool IsListening(int port) =>
        IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Any(listener => listener.Port == port);

    private sealed class CountingStore(ConcurrentDictionary<string, int> byRecipient) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            foreach (var recipient in transaction.To)
            {
                byRecipient.AddOrUpdate($"{recipient.User}@{recipient.Host}", 1, (_, count) => count + 1);
            }

            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
