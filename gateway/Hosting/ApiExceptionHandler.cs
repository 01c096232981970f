using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;
using Orleans.Serialization;

namespace AtlasGrains.Gateway.Hosting;

/// <summary>
/// Turns exceptions into problem+json: a malformed request is the client's 4xx (with Kestrel's own status,
/// such as 413), an unreachable cluster or storage is a 503 to retry, and only a bug is a 500.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, TitleFor(bad.StatusCode), DetailFor(bad)),
            _ when IsTransient(exception) => (StatusCodes.Status503ServiceUnavailable, "Service temporarily unavailable",
                "The request could not be completed now; it is safe to retry it."),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", null),
        };

        if (status >= 500)
        {
            LogFailure(exception, status);
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>
    /// Failures of the cluster or of storage: the outcome is unknown or nothing happened, and a retry is safe. The
    /// Azure SDK reports exhausted retries as an AggregateException of its attempts, so causes are looked through.
    /// </summary>
    private static bool IsTransient(Exception exception) => exception switch
    {
        TimeoutException or OrleansException or RequestFailedException or UnavailableExceptionFallbackException or OperationCanceledException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsTransient),
        _ => exception.InnerException is { } cause && IsTransient(cause),
    };

    private static string TitleFor(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "Request body too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        _ => "Bad request",
    };

    /// <summary>Says what was wrong without echoing framework internals (type names, binder wording).</summary>
    private static string DetailFor(BadHttpRequestException exception) => exception.InnerException switch
    {
        JsonException json when UnknownField().Match(json.Message) is { Success: true } unknown =>
            $"Unknown field '{unknown.Groups[1].Value}': only the documented fields may be sent.",
        JsonException json => $"The JSON body is malformed or has a value of the wrong type (at {json.Path ?? "$"}).",
        _ when exception.StatusCode == StatusCodes.Status413PayloadTooLarge => "The request body is larger than this API accepts.",
        _ => "The request is malformed or its JSON body is missing.",
    };

    [GeneratedRegex("The JSON property '([^']{1,100})' could not be mapped")]
    private static partial Regex UnknownField();

    [LoggerMessage(Level = LogLevel.Error, Message = "Request failed with {Status}.")]
    private partial void LogFailure(Exception exception, int status);
}
