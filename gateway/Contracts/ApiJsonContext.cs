using System.Text.Json;
using System.Text.Json.Serialization;
using AtlasGrains.Gateway.Paging;

namespace AtlasGrains.Gateway.Contracts;

/// <summary>
/// Source-generated JSON for the answers that are written most, or largest: place pages, marks, lists (up to 1,000
/// items with every add) and the browsing pages. The generated writers skip the reflection serializer's per-property
/// bookkeeping, which was most of the gateway's JSON cost under load. Every other type still goes through reflection;
/// the options must stay those of <c>GatewayApplication</c> (web defaults) for the generated writers to be used.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(PlaceResponse))]
[JsonSerializable(typeof(MarkResponse))]
[JsonSerializable(typeof(UserPlaceResponse))]
[JsonSerializable(typeof(ListResponse))]
[JsonSerializable(typeof(Page<ListSummaryResponse>))]
[JsonSerializable(typeof(Page<PlaceSummaryResponse>))]
[JsonSerializable(typeof(Page<MarkedPlaceResponse>))]
[JsonSerializable(typeof(ItemsResponse<PlaceSummaryResponse>))]
[JsonSerializable(typeof(ItemsResponse<NearbyPlaceResponse>))]
[JsonSerializable(typeof(DestinationPageResponse))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
