using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Catalog.Tests.Admin;

/// <summary>What a browser does with admin pages: parse them, and submit their forms with every field they carry.</summary>
public static class Browser
{
    private static readonly HtmlParser s_parser = new();

    public static async Task<IDocument> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.ReadPageAsync();
    }

    public static async Task<IDocument> ReadPageAsync(this HttpResponseMessage response) =>
        await s_parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    public static IHtmlFormElement Form(this IDocument page, string selector) =>
        page.QuerySelector<IHtmlFormElement>(selector) ?? throw new Xunit.Sdk.XunitException($"No form {selector} on the page.");

    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string password)
    {
        var page = await client.GetPageAsync("/admin/sign-in");
        return await client.SubmitAsync(page.Form("form.sign-in"), "/admin/sign-in", new() { ["Password"] = password });
    }

    /// <summary>
    /// Posts the form as a browser would: its hidden and filled-in fields (the antiforgery token included), the
    /// given values on top, and an optional file for its file input.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client, IHtmlFormElement form, string pageUrl, Dictionary<string, string>? values = null, (string FileName, byte[] Content)? file = null)
    {
        var fields = Fields(form);
        foreach (var (name, value) in values ?? [])
        {
            fields[name] = value;
        }

        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
        if (form.Enctype != "multipart/form-data")
        {
            return await client.PostAsync(action, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
        }

        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        if (file is { } f)
        {
            var input = form.QuerySelector<IHtmlInputElement>("input[type=file]")!;
            var part = new ByteArrayContent(f.Content);
            part.Headers.ContentType = new MediaTypeHeaderValue("text/markdown");
            content.Add(part, input.Name!, f.FileName);
        }

        return await client.PostAsync(action, content, TestContext.Current.CancellationToken);
    }

    private static Dictionary<string, string> Fields(IHtmlFormElement form)
    {
        var fields = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[name]"))
        {
            if (input.Type is "file" or "submit" || (input.Type is "checkbox" or "radio" && !input.IsChecked))
            {
                continue;
            }

            fields[input.Name!] = input.Value;
        }

        foreach (var select in form.QuerySelectorAll<IHtmlSelectElement>("select[name]"))
        {
            fields[select.Name!] = select.Value ?? "";
        }

        return fields;
    }
}
