using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Catalog.Tests.Admin;

/// <summary>
/// Authentication runs for /admin and nowhere else: a public page or search has no use for the admin cookie, and the
/// web application adds authentication in front of the whole pipeline by itself unless the app's own pipeline has it.
/// </summary>
public sealed class AdminMiddlewareScopeTests(AdminFactory factory) : IClassFixture<AdminFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/search?q=kernel")]
    [InlineData("/api/search?q=kernel")]
    [InlineData("/administrators")]
    public async Task APublicRequestIsNotAuthenticated(string path)
    {
        var schemes = new CountingSchemes();
        await using var counted = WithCounting(schemes);
        var browser = counted.CreateClient();

        var response = await browser.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(0, schemes.DefaultAuthenticateAsked);
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/Admin/Import")]
    public async Task AnAdminRequestIsAuthenticatedOnce(string path)
    {
        var schemes = new CountingSchemes();
        await using var counted = WithCounting(schemes);
        var browser = counted.CreateClient(new() { AllowAutoRedirect = false });

        var response = await browser.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, schemes.DefaultAuthenticateAsked);
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> WithCounting(CountingSchemes schemes) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IAuthenticationSchemeProvider>(provider =>
                schemes.Over(new AuthenticationSchemeProvider(provider.GetRequiredService<IOptions<AuthenticationOptions>>())))));

    /// <summary>The app's authentication schemes, counting how often the authentication middleware asks for its default.</summary>
    private sealed class CountingSchemes : IAuthenticationSchemeProvider
    {
        private IAuthenticationSchemeProvider _inner = null!;
        private int _defaultAuthenticateAsked;

        public int DefaultAuthenticateAsked => Volatile.Read(ref _defaultAuthenticateAsked);

        public CountingSchemes Over(IAuthenticationSchemeProvider inner)
        {
            _inner = inner;
            return this;
        }

        public Task<AuthenticationScheme?> GetDefaultAuthenticateSchemeAsync()
        {
            Interlocked.Increment(ref _defaultAuthenticateAsked);
            return _inner.GetDefaultAuthenticateSchemeAsync();
        }

        public Task<IEnumerable<AuthenticationScheme>> GetAllSchemesAsync() => _inner.GetAllSchemesAsync();

        public Task<AuthenticationScheme?> GetSchemeAsync(string name) => _inner.GetSchemeAsync(name);

        public Task<AuthenticationScheme?> GetDefaultChallengeSchemeAsync() => _inner.GetDefaultChallengeSchemeAsync();

        public Task<AuthenticationScheme?> GetDefaultForbidSchemeAsync() => _inner.GetDefaultForbidSchemeAsync();

        public Task<AuthenticationScheme?> GetDefaultSignInSchemeAsync() => _inner.GetDefaultSignInSchemeAsync();

        public Task<AuthenticationScheme?> GetDefaultSignOutSchemeAsync() => _inner.GetDefaultSignOutSchemeAsync();

        public void AddScheme(AuthenticationScheme scheme) => _inner.AddScheme(scheme);

        public void RemoveScheme(string name) => _inner.RemoveScheme(name);

        public Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync() => _inner.GetRequestHandlerSchemesAsync();
    }
}
