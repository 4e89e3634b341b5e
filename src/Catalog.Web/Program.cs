using Catalog.Web;
using Catalog.Web.Api;
using Catalog.Web.Caching;
using Catalog.Web.Cli;
using Catalog.Web.Data;
using Catalog.Web.Import;

Logging.CreateBootstrapLogger();

var builder = WebApplication.CreateBuilder(args);
builder.AddCatalogLogging();
builder.Services.AddCatalogData(builder.Configuration, builder.Environment);
builder.Services.AddCatalogImport(builder.Configuration, builder.Environment, CommandLine.IsCommand(args));
builder.Services.AddRazorPages();
builder.Services.AddCatalogCaching(builder.Configuration, builder.Environment);

var app = builder.Build();
if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(app, args);
}

app.UseCatalogRequestLogging();
app.UseStaticFiles();
app.UseOutputCache();
app.MapRazorPages();
app.MapTopicsApi();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
