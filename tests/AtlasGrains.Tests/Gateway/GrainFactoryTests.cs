using AtlasGrains.Abstractions.Places;
using AtlasGrains.Gateway.Hosting;
using AtlasGrains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AtlasGrains.Tests.Gateway;

/// <summary>The gateway's grain factory resolves interfaces once; its references must be the ones Orleans builds.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainFactoryTests(ClusterFixture fixture)
{
    private IGrainFactory GatewayGrains => fixture.Gateway.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public void The_gateway_resolves_its_grains_through_the_caching_factory() =>
        Assert.IsType<InterfaceCachingGrainFactory>(GatewayGrains);

    [Fact]
    public async Task A_string_keyed_reference_is_the_one_Orleans_builds_and_reaches_the_grain()
    {
        var placeId = await TestData.CreatePlaceAsync(fixture.Grains);

        // Twice: the second call takes the resolved interface from the cache.
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var ours = GatewayGrains.GetGrain<IPlaceGrain>(placeId);
            AssertSameReference(fixture.Grains.GetGrain<IPlaceGrain>(placeId), ours);
            Assert.Equal(placeId, (await ours.GetAsync())?.Id);
        }
    }

    [Fact]
    public async Task An_integer_keyed_reference_to_an_aliased_interface_is_the_one_Orleans_builds()
    {
        var ours = GatewayGrains.GetGrain<IPlaceSummariesGrain>(0);

        AssertSameReference(fixture.Grains.GetGrain<IPlaceSummariesGrain>(0), ours);
        Assert.Null(Assert.Single((await ours.GetCardChangesAsync(["no-such-place-" + Guid.NewGuid().ToString("N")], HeldPlaceCards.None(1))).Cards));
    }

    [Fact]
    public void A_blank_key_is_refused_as_Orleans_refuses_it() =>
        Assert.ThrowsAny<ArgumentException>(() => GatewayGrains.GetGrain<IPlaceGrain>(" "));

    private static void AssertSameReference(IAddressable expected, IAddressable actual)
    {
        Assert.Equal(expected.GetGrainId(), actual.GetGrainId());
        Assert.Equal(((GrainReference)expected).InterfaceType, ((GrainReference)actual).InterfaceType);
        Assert.Equal(expected.GetType(), actual.GetType());
    }
}
