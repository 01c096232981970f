using Microsoft.AspNetCore.Http.HttpResults;

namespace AtlasGrains.Gateway.Hosting;

/// <summary>The problem+json answers endpoints give for expected failures.</summary>
public static class ProblemResults
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{what} not found");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);

    public static ValidationProblem InvalidCursor() =>
        Invalid(new Dictionary<string, string[]> { ["cursor"] = ["cursor is not one this API gave out."] });

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is invalid.");
}
