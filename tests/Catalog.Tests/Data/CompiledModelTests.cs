using Catalog.Web.Data;
using Catalog.Web.Data.CompiledModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Catalog.Tests.Data;

/// <summary>
/// The app starts on the compiled model in Data/CompiledModel; a change to the entities or OnModelCreating that is not
/// followed by <c>dotnet ef dbcontext optimize</c> would leave the app on the old model, so the two are compared here.
/// </summary>
public sealed class CompiledModelTests
{
    private const string Regenerate =
        "The compiled model is out of date: run `dotnet ef dbcontext optimize --context CatalogDbContext --project src/Catalog.Web --output-dir Data/CompiledModel " +
        "--namespace Catalog.Web.Data.CompiledModel` and delete the CatalogDbContextAssemblyAttributes.cs it writes (the app picks the model in DataExtensions).";

    [Fact]
    public void The_compiled_model_has_the_tables_columns_and_indexes_the_entities_describe()
    {
        using var built = Context(compiled: false);
        using var compiled = Context(compiled: true);
        var expected = Describe(built.Model);
        var actual = Describe(compiled.Model);

        Assert.True(expected.Count > 50, "The description of the model should list every column, key and index.");
        Assert.True(expected.SequenceEqual(actual),
            Regenerate + " Only in the entities: " + string.Join("; ", expected.Except(actual)) + ". Only in the compiled model: " + string.Join("; ", actual.Except(expected)));
    }

    [Fact]
    public void The_compiled_model_is_the_one_the_app_uses()
    {
        using var compiled = Context(compiled: true);

        Assert.Same(CatalogDbContextModel.Instance, compiled.Model);
    }

    // What queries and writes depend on: each entity's table, columns with store type, nullability and conversion, keys,
    // indexes and relationships. (EF's migrations differ needs a design-time model, which a compiled model is not.)
    private static List<string> Describe(IModel model) =>
        model.GetEntityTypes().SelectMany(entity => Describe(entity)).Order(StringComparer.Ordinal).ToList();

    private static IEnumerable<string> Describe(IEntityType entity)
    {
        var table = $"{entity.ClrType.Name} -> {entity.GetTableName() ?? entity.GetViewName() ?? entity.GetSqlQuery()}";
        yield return table;
        foreach (var property in entity.GetProperties())
        {
            yield return $"{table}.{property.GetColumnName()} {property.GetColumnType()} {(property.IsNullable ? "null" : "not null")} " +
                $"{property.ClrType.Name} {property.GetTypeMapping().Converter?.ProviderClrType.Name} {property.ValueGenerated} {property.GetDefaultValueSql()}";
        }

        foreach (var key in entity.GetKeys())
        {
            yield return $"{table} key {key.GetName()} ({Columns(key.Properties)}) primary={key.IsPrimaryKey()}";
        }

        foreach (var index in entity.GetIndexes())
        {
            yield return $"{table} index {index.GetDatabaseName()} ({Columns(index.Properties)}) unique={index.IsUnique} filter={index.GetFilter()}";
        }

        foreach (var foreignKey in entity.GetForeignKeys())
        {
            yield return $"{table} fk {foreignKey.GetConstraintName()} ({Columns(foreignKey.Properties)}) -> {foreignKey.PrincipalEntityType.ClrType.Name} {foreignKey.DeleteBehavior}";
        }
    }

    private static string Columns(IReadOnlyList<IProperty> properties) => string.Join(", ", properties.Select(p => p.GetColumnName()));

    private static CatalogDbContext Context(bool compiled)
    {
        var options = new DbContextOptionsBuilder<CatalogDbContext>().UseSqlite("Data Source=:memory:");
        if (compiled)
        {
            options.UseModel(CatalogDbContextModel.Instance);
        }

        return new CatalogDbContext(options.Options);
    }
}
