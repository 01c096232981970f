using System.Net;
using System.Net.Http.Json;
using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Gateway;

[Collection(ClusterCollection.Name)]
public sealed class AccountApiTests(ClusterFixture fixture)
{
    private GatewayHost Gateway => fixture.Gateway;

    [Fact]
    public async Task Joining_returns_the_new_user_and_signing_in_gives_a_bearer_token()
    {
        using var client = Gateway.Client();
        var email = $"{Guid.NewGuid():N}@Example.com";

        var created = await (await client.PostAsJsonAsync("/api/accounts", new { email = $"  {email} ", password = "correct horse battery", displayName = "Ann" }))
            .JsonAsync(HttpStatusCode.Created);
        var token = await (await client.PostAsJsonAsync("/api/auth/token", new { email = email.ToUpperInvariant(), password = "correct horse battery" }))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Ann", created.GetProperty("displayName").GetString());
        Assert.Equal("Bearer", token.GetProperty("tokenType").GetString());
        Assert.True(token.GetProperty("expiresIn").GetInt32() > 0);
        using var me = Gateway.Client(token.GetProperty("accessToken").GetString());
        var profile = await (await me.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(created.GetProperty("userId").GetString(), profile.GetProperty("userId").GetString());
        Assert.Equal(email.ToLowerInvariant(), profile.GetProperty("email").GetString());
        Assert.Equal(0, profile.GetProperty("stats").GetProperty("beenHere").GetInt32());
    }

    [Fact]
    public async Task The_same_email_in_another_case_is_a_conflict()
    {
        var account = await Api.JoinAsync(Gateway);
        using var client = Gateway.Client();

        var response = await client.PostAsJsonAsync("/api/accounts", new { email = account.Email.ToUpperInvariant(), password = "another password", displayName = "Other" });

        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("not-an-email", "correct horse battery", "Ann", "email")]
    [InlineData("a\r\nb@example.com", "correct horse battery", "Ann", "email")]
    [InlineData("ann@example.com", "short", "Ann", "password")]
    [InlineData("ann@example.com", "correct horse battery", "", "displayName")]
    [InlineData("ann@example.com", "correct horse battery", "0123456789012345678901234567890123456789012345678901234567890", "displayName")]
    public async Task Invalid_fields_are_named_in_a_400(string email, string password, string displayName, string field)
    {
        using var client = Gateway.Client();

        var response = await client.PostAsJsonAsync("/api/accounts", new { email, password, displayName });

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task An_email_longer_than_254_characters_is_refused()
    {
        using var client = Gateway.Client();
        var email = new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".com";

        var response = await client.PostAsJsonAsync("/api/accounts", new { email, password = "correct horse battery", displayName = "Ann" });

        await response.ProblemAsync(HttpStatusCode.BadRequest, "email");
    }

    [Fact]
    public async Task Unknown_fields_are_rejected()
    {
        using var client = Gateway.Client();

        var response = await client.PostAsync("/api/accounts",
            Api.RawJson($$"""{"email":"{{Guid.NewGuid():N}}@example.com","password":"correct horse battery","displayName":"Ann","userId":"admin"}"""));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("userId", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_get_the_same_401()
    {
        var account = await Api.JoinAsync(Gateway);
        using var client = Gateway.Client();

        var wrongPassword = await (await client.PostAsJsonAsync("/api/auth/token", new { email = account.Email, password = "wrong password!" }))
            .ProblemAsync(HttpStatusCode.Unauthorized);
        var unknownEmail = await (await client.PostAsJsonAsync("/api/auth/token", new { email = "nobody-" + account.Email, password = account.Password }))
            .ProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(wrongPassword.GetProperty("detail").GetString(), unknownEmail.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhZG1pbiJ9.")]
    public async Task Me_without_a_valid_token_is_401(string? token)
    {
        using var client = Gateway.Client(token);

        var response = await client.GetAsync("/api/me");

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_401()
    {
        var issuer = new AtlasGrains.Gateway.Auth.TokenIssuer(
            Microsoft.Extensions.Options.Options.Create(new AtlasGrains.Gateway.Auth.AuthOptions { SigningKey = new string('x', 40) }),
            TimeProvider.System);
        using var client = Gateway.Client(issuer.Issue((await Api.JoinAsync(Gateway)).UserId).Token);

        var response = await client.GetAsync("/api/me");

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Another_users_public_profile_shows_name_and_stats_but_not_email()
    {
        var account = await Api.JoinAsync(Gateway, "Bea");
        using var client = Gateway.Client();

        var user = await (await client.GetAsync($"/api/users/{account.UserId}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Bea", user.GetProperty("displayName").GetString());
        Assert.False(user.TryGetProperty("email", out _));
        Assert.Equal(0, user.GetProperty("stats").GetProperty("lists").GetInt32());
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("not-a-user")]
    public async Task An_unknown_user_is_404(string userId)
    {
        using var client = Gateway.Client();

        var response = await client.GetAsync($"/api/users/{userId}");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }
}
