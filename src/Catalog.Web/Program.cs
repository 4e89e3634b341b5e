using Catalog.Web;
using Catalog.Web.Admin;
using Catalog.Web.Api;
using Catalog.Web.Cli;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Catalog.Web.Links;
using Catalog.Web.Operations;
using Catalog.Web.Search;
using Catalog.Web.Web;

Logging.CreateBootstrapLogger();
var earlyImport = await CommandLine.StartImportAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddCatalogLogging();
builder.Services.AddCatalogData(builder.Configuration, builder.Environment);
builder.Services.AddCatalogImport(builder.Configuration, builder.Environment, CommandLine.IsCommand(args));
builder.Services.AddCatalogAdmin(builder.Configuration, builder.Environment);
builder.Services.AddHostedService<SeedWatcher>();
builder.Services.AddCatalogLinks(builder.Configuration);
builder.Services.AddCatalogSearch();
builder.Services.AddRazorPages();
builder.Services.AddCatalogWeb(builder.Environment, CommandLine.IsCommand(args));
builder.Services.AddHtmlSafeJson();

var app = builder.Build();
if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(app, args, earlyImport);
}

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
app.UseCatalogAdmin();
app.UseReadSnapshots();
app.MapRazorPages();
app.MapTopicsApi();
app.MapSearchApi();
app.MapHealth();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
