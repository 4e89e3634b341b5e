using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Catalog.Web.Web;

/// <summary>
/// <see cref="CatalogPageAttribute"/> pages answer GET and HEAD only: routing answers any other method 405 with an
/// Allow header. Without this, Razor Pages rendered the page for TRACE with no handler run and an empty model (a 500).
/// </summary>
public sealed class CatalogPageMethods : IPageApplicationModelConvention
{
    public static readonly string[] Allowed = [HttpMethods.Get, HttpMethods.Head];

    public void Apply(PageApplicationModel model)
    {
        if (model.ModelType?.GetCustomAttribute<CatalogPageAttribute>() is not null)
        {
            model.EndpointMetadata.Add(new HttpMethodMetadata(Allowed));
        }
    }
}
