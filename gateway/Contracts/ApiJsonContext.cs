using System.Text.Json;
using System.Text.Json.Serialization;
using AtlasGrains.Gateway.Paging;

namespace AtlasGrains.Gateway.Contracts;

/// <summary>
/// Source-generated JSON metadata for the answers that are written most, or largest: place pages, marks, lists (up to
/// 1,000 items with every add) and the browsing pages. Its compiled property accessors replace the reflection
/// serializer's, which were most of the gateway's JSON cost under load. Every other type still goes through reflection.
/// <para>
/// The generated fast-path writers themselves are not used, and can't be while ASP.NET Core's options keep their
/// relaxed encoder (System.Text.Json takes the fast path only with no custom <c>Encoder</c>): a perf profile of list
/// adds on 5 December still showed the object converter, 30% of the gateway's CPU there. Taking the fast path would
/// mean the default encoder, which writes every non-ASCII letter of a place's name as a \uXXXX escape, and a JSON
/// buffer large enough (System.Text.Json abandons the fast path for a type after one answer over half its buffer).
/// Lists, the largest answers, and place pages, the most read, are written by <c>ListJsonWriter</c> and
/// <c>PlaceJsonWriter</c> instead, byte for byte as this would write them.
/// </para>
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
