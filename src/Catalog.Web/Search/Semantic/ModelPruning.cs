using Onnx;

namespace Catalog.Web.Search.Semantic;

/// <summary>
/// Cuts a model down to the one output the app reads. all-MiniLM-L6-v2 also outputs BERT's pooler (a float 384 x 384
/// layer over the first token) that sentence-transformers never uses; ONNX Runtime computes every node of the graph
/// whichever outputs a run asks for, so each query paid for it (tests/Catalog.Benchmarks/README.md, "The pooler
/// left out"). What stays computes exactly what it did.
/// </summary>
public static class ModelPruning
{
    /// <summary>Keeps <paramref name="output"/> as the graph's only output, and only the nodes and weights it needs.</summary>
    public static void KeepOnly(ModelProto model, string output)
    {
        var graph = model.Graph;
        if (graph.Output.All(o => o.Name != output))
        {
            throw new InvalidOperationException($"The model has no output named '{output}'.");
        }

        // Walked from the output back: a node is needed when something needed reads what it writes. Nodes come in
        // topological order, so one pass from the last node to the first finds them all.
        var needed = new HashSet<string>(StringComparer.Ordinal) { output };
        var kept = new List<NodeProto>();
        foreach (var node in graph.Node.Reverse())
        {
            if (node.Output.Any(needed.Contains))
            {
                kept.Add(node);
                needed.UnionWith(node.Input.Where(i => i.Length > 0));
            }
        }

        kept.Reverse();
        var weights = graph.Initializer.Where(i => needed.Contains(i.Name)).ToList();
        var outputs = graph.Output.Where(o => o.Name == output).ToList();
        graph.Node.Clear();
        graph.Node.AddRange(kept);
        graph.Initializer.Clear();
        graph.Initializer.AddRange(weights);
        graph.Output.Clear();
        graph.Output.AddRange(outputs);
    }
}
