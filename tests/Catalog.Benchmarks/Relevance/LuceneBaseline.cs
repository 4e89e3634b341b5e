using Catalog.Web.Search;
using Lucene.Net.Analysis.En;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Catalog.Benchmarks.Relevance;

/// <summary>
/// The baseline: Lucene.Net's BM25 over the same link documents as the catalog's index (the same four columns and
/// column weights), English analyzer, the query's words joined by OR. What a plain full-text engine does out of the box.
/// </summary>
public sealed class LuceneBaseline : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly Dictionary<string, float> s_fields = new()
    {
        ["title"] = 10f, ["quote"] = 4f, ["body"] = 3f, ["urlwords"] = 1f,
    };

    private readonly RAMDirectory _directory = new();
    private readonly EnglishAnalyzer _analyzer = new(Version);
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    public LuceneBaseline(IEnumerable<PreparedDocument> documents)
    {
        var config = new IndexWriterConfig(Version, _analyzer) { Similarity = new BM25Similarity() };
        using (var writer = new IndexWriter(_directory, config))
        {
            foreach (var document in documents.Where(d => !d.Key.IsTopic))
            {
                writer.AddDocument(
                [
                    new StringField("url", document.Key.Value, Field.Store.YES),
                    new TextField("title", SearchText.Unsegment(document.Title), Field.Store.NO),
                    new TextField("quote", SearchText.Unsegment(document.Quote), Field.Store.NO),
                    new TextField("body", SearchText.Unsegment(document.Body), Field.Store.NO),
                    new TextField("urlwords", document.UrlWords, Field.Store.NO),
                ]);
            }

            writer.Commit();
        }

        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    public IReadOnlyList<string> Search(string text, int limit)
    {
        var parser = new MultiFieldQueryParser(Version, [.. s_fields.Keys], _analyzer, s_fields) { DefaultOperator = Operator.OR };
        var query = parser.Parse(QueryParserBase.Escape(text));
        return _searcher.Search(query, limit).ScoreDocs.Select(hit => _searcher.Doc(hit.Doc).Get("url")).ToList();
    }

    public void Dispose()
    {
        _reader.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }
}
