using System.Buffers.Binary;
using Onnx;

namespace Catalog.Web.Search.Semantic;

/// <summary>
/// Each layer's self-attention as ONNX Runtime's one <c>MultiHeadAttention</c> node (com.microsoft) instead of the
/// exported graph's dozen (the heads split out of Q, K and V by Reshape and Transpose, the scores' MatMul, the division
/// by the square root of a head's size, the mask's Add, Softmax, the MatMul by V, and the heads put back together). A
/// query's embedding ran ~165 nodes, and their fixed cost was a good part of a short text's run: fused, 1 to 10 tokens
/// run 8-12% faster (tests/Catalog.Benchmarks/README.md, "The attention fused"). The mask is left out: a text always
/// runs alone (<see cref="TextEmbedder"/>), so every token attends to every other and the mask adds zeros. The token
/// vectors stay within float rounding of the unfused graph's (the scale is a multiplication instead of a division).
/// </summary>
public static class ModelAttention
{
    private const string Domain = "com.microsoft";

    // The graph input the exported BERT graph makes its additive attention mask from.
    private const string MaskInput = "attention_mask";

    /// <summary>Rewrites <paramref name="model"/>'s attention blocks in place; returns how many. Nodes left unread are for <see cref="ModelPruning"/> to drop.</summary>
    public static int Fuse(ModelProto model)
    {
        var graph = model.Graph;
        var weights = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var producers = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        var readers = new Dictionary<string, List<NodeProto>>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            foreach (var output in node.Output)
            {
                producers[output] = node;
            }

            foreach (var input in node.Input)
            {
                if (!readers.TryGetValue(input, out var list))
                {
                    readers[input] = list = [];
                }

                list.Add(node);
            }
        }

        var fused = new Dictionary<NodeProto, NodeProto>();
        foreach (var softmax in graph.Node.Where(n => n.OpType == "Softmax"))
        {
            if (Block(softmax, producers, readers, weights) is { } block)
            {
                fused[block.Output] = block.Attention;
            }
        }

        if (fused.Count == 0)
        {
            return 0;
        }

        // Each block's last node (the Reshape that puts the heads together) becomes its attention node, in its place, so
        // the graph stays in topological order; the nodes before it go when nothing reads them any more.
        var nodes = graph.Node.Select(n => fused.GetValueOrDefault(n, n)).ToList();
        graph.Node.Clear();
        graph.Node.AddRange(nodes);
        if (model.OpsetImport.All(o => o.Domain != Domain))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = Domain, Version = 1 });
        }

        return fused.Count;
    }

    // softmax(Q·Kᵀ / c + mask)·V with the heads split and joined around it, as the exported BERT graph writes it; null
    // when the graph around this Softmax is not that.
    private static (NodeProto Output, NodeProto Attention)? Block(
        NodeProto softmax, Dictionary<string, NodeProto> producers, Dictionary<string, List<NodeProto>> readers, Dictionary<string, TensorProto> weights)
    {
        // A constant is a Constant node's value or an initializer.
        TensorProto? Constant(string name) =>
            weights.GetValueOrDefault(name) ?? (From(name, "Constant")?.Attribute.FirstOrDefault(a => a.Name == "value")?.T);

        NodeProto? From(string name, string op) => producers.TryGetValue(name, out var n) && n.OpType == op ? n : null;
        // The one node that reads name, besides the Shape nodes that size a Reshape from it.
        NodeProto? Only(string name, string op) =>
            readers.TryGetValue(name, out var list) && list.Where(n => n.OpType != "Shape").ToList() is [var only] && only.OpType == op ? only : null;
        // The Reshape that splits a tensor into heads, before the Transpose that reads it as name.
        NodeProto? Split(string name, long[] perm) =>
            From(name, "Transpose") is { } transpose && Perm(transpose).SequenceEqual(perm) ? From(transpose.Input[0], "Reshape") : null;

        if (From(softmax.Input[0], "Add") is not { } mask
            || !FromMaskAlone(mask.Input[1], producers, weights)
            || From(mask.Input[0], "Div") is not { } divide
            || From(divide.Input[0], "MatMul") is not { } scores
            || Scalar(Constant(divide.Input[1])) is not { } root
            || Split(scores.Input[0], [0, 2, 1, 3]) is not { } query
            || Split(scores.Input[1], [0, 2, 3, 1]) is not { } key
            || Only(softmax.Output[0], "MatMul") is not { } context
            || Split(context.Input[1], [0, 2, 1, 3]) is not { } value
            || Only(context.Output[0], "Transpose") is not { } joined
            || !Perm(joined).SequenceEqual([0, 2, 1, 3])
            || Only(joined.Output[0], "Reshape") is not { } output
            || softmax.Attribute.Any(a => a.Name == "axis" && a.I != -1 && a.I != 3)
            || HeadsOf(query.Input[1], producers, Constant) is not { } split
            || Math.Abs(split.Size - root * root) >= 0.01)
        {
            return null;
        }

        var attention = new NodeProto { OpType = "MultiHeadAttention", Domain = Domain, Name = output.Name + "/attention" };
        attention.Input.AddRange([query.Input[0], key.Input[0], value.Input[0]]);
        attention.Output.Add(output.Output[0]);
        attention.Attribute.Add(new AttributeProto { Name = "num_heads", Type = AttributeProto.Types.AttributeType.Int, I = split.Heads });
        attention.Attribute.Add(new AttributeProto { Name = "scale", Type = AttributeProto.Types.AttributeType.Float, F = 1 / root });
        return (output, attention);
    }

    private static IEnumerable<long> Perm(NodeProto transpose) => transpose.Attribute.FirstOrDefault(a => a.Name == "perm")?.Ints ?? [];

    // Whether name is computed from the attention mask and constants alone: what the Add before Softmax may be left
    // out for (a text alone has a mask of ones, which adds zeros). Anything else added to the scores is kept.
    private static bool FromMaskAlone(string name, Dictionary<string, NodeProto> producers, Dictionary<string, TensorProto> weights)
    {
        var (pending, seen, mask) = (new Stack<string>([name]), new HashSet<string>(StringComparer.Ordinal), false);
        while (pending.TryPop(out var next))
        {
            if (next.Length == 0 || !seen.Add(next) || weights.ContainsKey(next))
            {
                continue;
            }

            if (producers.TryGetValue(next, out var node))
            {
                foreach (var input in node.Input)
                {
                    pending.Push(input);
                }
            }
            else if (next == MaskInput)
            {
                mask = true;
            }
            else
            {
                return false;
            }
        }

        return mask;
    }

    // A float scalar's value.
    private static float? Scalar(TensorProto? t) =>
        t is { DataType: (int)TensorProto.Types.DataType.Float, Dims.Count: 0 } && ModelQuantizer.FloatsOf(t) is [var value] ? value : null;

    // The heads and a head's size a head-splitting Reshape splits into: its target shape (batch, sequence, heads, head
    // size) is a Concat of the input's batch and sequence with two int64 constants.
    private static (long Heads, long Size)? HeadsOf(string name, Dictionary<string, NodeProto> producers, Func<string, TensorProto?> constant)
    {
        long? Int64(string input) => constant(input) is { DataType: (int)TensorProto.Types.DataType.Int64 } t
            ? t.Int64Data.Count == 1 ? t.Int64Data[0] : t.RawData.Length == 8 ? BinaryPrimitives.ReadInt64LittleEndian(t.RawData.Span) : null
            : null;

        return producers.TryGetValue(name, out var concat) && concat.OpType == "Concat" && concat.Input.Count == 4
            && Int64(concat.Input[2]) is > 0 and var heads && Int64(concat.Input[3]) is > 0 and var size
            ? (heads, size)
            : null;
    }
}
