using Catalog.Web;
using Catalog.Web.Admin;
using Catalog.Web.Api;
using Catalog.Web.Cli;
using Catalog.Web.Data;
using Catalog.Web.Export;
using Catalog.Web.Import;
using Catalog.Web.Links;
using Catalog.Web.Links.Metadata;
using Catalog.Web.Operations;
using Catalog.Web.Search;
using Catalog.Web.Web;

Logging.CreateBootstrapLogger();
var commandLine = CatalogCommandLine.Parse(args);
if (commandLine.CompletesWithoutHost)
{
    return await commandLine.RunWithoutHostAsync();
}

var builder = WebApplication.CreateBuilder(commandLine.HostArgs);
builder.AddCatalogLogging();
builder.Services.AddCatalogData(builder.Configuration, builder.Environment);
builder.Services.AddCatalogImport(builder.Configuration, builder.Environment, commandLine.IsCommand);
builder.Services.AddCatalogAdmin();
builder.Services.AddHostedService<SeedWatcher>();
builder.Services.AddCatalogLinks(builder.Configuration);
builder.Services.AddLinkMetadata(builder.Configuration);
builder.Services.AddCatalogSearch(builder.Configuration);
builder.Services.AddRazorPages();
builder.Services.AddCatalogWeb(builder.Environment, commandLine.IsCommand);
builder.Services.AddHtmlSafeJson();
builder.Services.AddSearchApi();
builder.Services.ReadKeyRingOnFirstUse();

var app = builder.Build();
if (commandLine.IsCommand)
{
    return await commandLine.RunAsync(app.Services, app.Lifetime.ApplicationStopping);
}

app.BeginCatalogStartup();
app.UseCatalogErrorPage();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseSecurityHeaders();
app.UseCatalogRequestLogging();
app.UseCatalogCache();
app.UseStaticFiles();
app.UseCatalogWeb();
app.UseAdminStatusPages();
app.UseRouting();
app.UseTooLargeBodies();
app.UseCatalogAdmin();
app.UseReadSnapshots();
app.MapRazorPages();
app.MapTopicsApi();
app.MapSearchApi();
app.MapFigures();
app.MapCatalogExports();
app.MapHealth();
return await app.ServeAsync();

/// <summary>The entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
