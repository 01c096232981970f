using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace AtlasGrains.Tests.Infrastructure;

/// <summary>A real SMTP server on a loopback port (the SmtpServer library) that keeps what it receives.</summary>
public sealed class MailSink : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private CancellationTokenSource? _running;
    private Task? _serving;

    private MailSink(int port) => Port = port;

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Received => [.. _received];

    public static async Task<MailSink> StartAsync()
    {
        var sink = new MailSink(FreePort.Next());
        await sink.StartListeningAsync();
        return sink;
    }

    /// <summary>Stops accepting mail, as an SMTP server that is down.</summary>
    public async Task StopAsync()
    {
        _running?.Cancel();
        if (_serving is not null)
        {
            await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public Task StartListeningAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("atlasgrains-tests")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_received));
        _running = new CancellationTokenSource();
        _serving = new SmtpServer.SmtpServer(options, services).StartAsync(_running.Token);
        return WaitUntilListeningAsync();
    }

    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. Received.Where(message => message.To.Mailboxes.Any(mailbox => mailbox.Address.Equals(address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Waits until <paramref name="count"/> mails to the address matching the predicate arrived; fails after the timeout.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, Func<MimeMessage, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var found = To(address).Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"Expected {count} mail(s) to {address}; {found.Count} arrived.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task WaitUntilListeningAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20, deadline.Token);
            }
        }
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
