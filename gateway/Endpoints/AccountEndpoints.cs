using System.Security.Claims;
using AtlasGrains.Abstractions;
using AtlasGrains.Abstractions.Accounts;
using AtlasGrains.Abstractions.Membership;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Gateway.Auth;
using AtlasGrains.Gateway.Contracts;
using AtlasGrains.Gateway.Hosting;
using AtlasGrains.Gateway.RateLimiting;
using AtlasGrains.Gateway.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace AtlasGrains.Gateway.Endpoints;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Accounts");
        api.MapPost("/accounts", CreateAccount).RequireRateLimit(RateLimitRule.AccountCreation);
        api.MapPost("/auth/token", IssueToken);
        api.MapGet("/me", GetMe).RequireAuthorization();
        api.MapGet("/users/{userId}", GetUser);
        return routes;
    }

    private static async Task<Results<Created<AccountCreatedResponse>, ValidationProblem, ProblemHttpResult>> CreateAccount(
        CreateAccountRequest request, IGrainFactory grains, AccountPasswords passwords)
    {
        var errors = AccountValidation.Validate(request, out var email, out var displayName);
        if (!errors.IsEmpty)
        {
            return ProblemResults.Invalid(errors.ToDictionary());
        }

        var userId = await grains.GetGrain<IAccountGrain>(EmailKey.For(email)).RegisterAsync(email, passwords.Hash(request.Password!), displayName);
        return userId is null
            ? ProblemResults.Conflict("An account with this email address already exists.")
            : TypedResults.Created($"/api/users/{userId}", new AccountCreatedResponse(userId, displayName));
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> IssueToken(
        TokenRequest request, IGrainFactory grains, AccountPasswords passwords, TokenIssuer tokens)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            var errors = new ValidationErrors();
            if (string.IsNullOrWhiteSpace(request.Email)) errors.Add("email", "email is required.");
            if (string.IsNullOrEmpty(request.Password)) errors.Add("password", "password is required.");
            return ProblemResults.Invalid(errors.ToDictionary());
        }

        var email = EmailAddress.Normalize(request.Email);
        var account = grains.GetGrain<IAccountGrain>(EmailKey.For(email));
        var credential = EmailAddress.IsValid(email) && request.Password.Length <= AccountValidation.MaxPasswordLength
            ? await account.GetCredentialAsync()
            : null;
        var verdict = passwords.Verify(credential?.PasswordHash, request.Password[..Math.Min(request.Password.Length, AccountValidation.MaxPasswordLength)]);
        if (credential is null || verdict == PasswordVerificationResult.Failed)
        {
            return ProblemResults.Unauthorized("The email address or the password is wrong.");
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await account.UpdatePasswordHashAsync(passwords.Hash(request.Password));
        }

        var (token, expiresIn) = tokens.Issue(credential.UserId);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", expiresIn));
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> GetMe(ClaimsPrincipal principal, IGrainFactory grains)
    {
        var user = grains.GetGrain<IUserGrain>(principal.UserId());
        if (await user.GetProfileAsync() is not { } profile)
        {
            return ProblemResults.NotFound("User");
        }

        var stats = await user.GetStatsAsync();
        var membership = await grains.GetGrain<IMembershipGrain>(profile.UserId).GetAsync();
        return TypedResults.Ok(new MeResponse(
            profile.UserId, profile.DisplayName, profile.Email, UserStatsResponse.From(stats, isOwner: true),
            membership is null ? null : MembershipResponse.From(membership)));
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetUser(string userId, IGrainFactory grains)
    {
        if (!ServerIds.IsValid(userId))
        {
            return ProblemResults.NotFound("User");
        }

        var user = grains.GetGrain<IUserGrain>(userId);
        if (await user.GetProfileAsync() is not { } profile)
        {
            return ProblemResults.NotFound("User");
        }

        var stats = await user.GetStatsAsync();
        return TypedResults.Ok(new UserResponse(profile.UserId, profile.DisplayName, UserStatsResponse.From(stats, isOwner: false)));
    }
}
