using System.Diagnostics;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Storage.Transactions;

/// <summary>
/// Sends entity-group transactions to one storage account through Azure.Core's pipeline (the table clients' options:
/// their retries, logging and HTTP transport), with a body and an answer of our own: <see cref="TransactionRequestBody"/>
/// and <see cref="TransactionAnswer"/>. Azure.Data.Tables builds a request object per action to serialize, and parses
/// the answer into a response object, with its headers, per action: together about a fifth of the silo's CPU under
/// marks (bench/results/cpu-profile-s2.md). Authenticated by the account SAS of the client it was made for
/// (<see cref="TableServiceClients"/>), renewed with it.
/// </summary>
internal sealed class DirectTransactions(Uri serviceUri, AzureSasCredential sas, TableClientOptions options)
{
    public static readonly ActivitySource Activities = new("AtlasGrains.Storage");

    /// <summary>Marks our transactions' messages, which <see cref="TransactionBodyPolicy"/> leaves as they are.</summary>
    public const string MessageProperty = "AtlasGrains.DirectTransaction";

    private readonly string _serviceUri = serviceUri.AbsoluteUri.TrimEnd('/');
    private readonly string _host = serviceUri.Host;
    private readonly HttpPipeline _pipeline = HttpPipelineBuilder.Build(options);

    /// <summary>One response per action, in order, once the transaction landed; throws as Azure.Data.Tables does when it failed.</summary>
    public async Task<IReadOnlyList<Response>> SubmitAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        using var activity = Activities.StartActivity("TableTransaction", ActivityKind.Client);
        activity?.SetTag("db.collection.name", table);
        activity?.SetTag("atlas.transaction.actions", actions.Count);
        var batch = $"batch_{Guid.NewGuid()}";
        using var body = PooledBuffers.Get(nameof(DirectTransactions));
        TransactionRequestBody.Write(body, _serviceUri, _host, table, actions, batch, $"changeset_{Guid.NewGuid()}");

        using var message = _pipeline.CreateMessage();
        message.SetProperty(MessageProperty, true);
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(new Uri($"{_serviceUri}/$batch?{sas.Signature.TrimStart('?')}"));
        request.Headers.Add("x-ms-version", "2020-12-06");
        request.Headers.Add("DataServiceVersion", "3.0");
        request.Headers.Add(HttpHeader.Names.Accept, "application/json");
        request.Headers.Add(HttpHeader.Names.ContentType, $"multipart/mixed; boundary={batch}");
        request.Content = RequestContent.Create(body.GetReadOnlySequence());
        await _pipeline.SendAsync(message, cancellationToken);

        var response = message.Response;
        try
        {
            return response.Status == 202
                ? TransactionAnswer.Read(response.Content.ToMemory().Span, actions.Count)
                : throw new RequestFailedException(response);
        }
        catch (RequestFailedException)
        {
            activity?.SetStatus(ActivityStatusCode.Error);
            throw;
        }
    }
}
