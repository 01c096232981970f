using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Grains.Discovery.Index;

/// <summary>
/// Places bucketed in one-degree cells of latitude and longitude, so that a radius query looks at the cells of
/// the radius's bounding box only. The box wraps across the antimeridian and takes every longitude when the
/// circle reaches a pole; exact great-circle distances then filter the candidates. Not thread-safe: the
/// <see cref="PlaceIndex"/> guards it.
/// </summary>
internal sealed class GeoGrid
{
    private readonly Dictionary<(int Lat, int Lng), Dictionary<string, GeoLocation>> _cells = [];

    public void Add(string id, GeoLocation location)
    {
        var cell = CellOf(location);
        if (!_cells.TryGetValue(cell, out var places))
        {
            _cells[cell] = places = [];
        }

        places[id] = location;
    }

    public void Remove(string id, GeoLocation location)
    {
        var cell = CellOf(location);
        if (_cells.TryGetValue(cell, out var places) && places.Remove(id) && places.Count == 0)
        {
            _cells.Remove(cell);
        }
    }

    /// <summary>Every place within <paramref name="radiusKm"/> of <paramref name="center"/>, with its distance, unordered.</summary>
    public IEnumerable<(string Id, double DistanceKm)> Within(GeoLocation center, double radiusKm)
    {
        foreach (var cell in CellsCovering(center, radiusKm))
        {
            if (!_cells.TryGetValue(cell, out var places))
            {
                continue;
            }

            foreach (var (id, location) in places)
            {
                var distance = GreatCircle.DistanceKm(center, location);
                if (distance <= radiusKm)
                {
                    yield return (id, distance);
                }
            }
        }
    }

    private IEnumerable<(int Lat, int Lng)> CellsCovering(GeoLocation center, double radiusKm)
    {
        if (radiusKm >= GreatCircle.MaxDistanceKm / 2)
        {
            // A quarter of the globe or more: every occupied cell is cheaper than enumerating the box.
            return [.. _cells.Keys];
        }

        var angle = GreatCircle.Degrees(radiusKm / GreatCircle.EarthRadiusKm);
        var minLat = center.Latitude - angle;
        var maxLat = center.Latitude + angle;
        var (firstLng, lastLng) = (-180.0, 180.0);
        if (minLat > -90 && maxLat < 90)
        {
            // The widest longitude span of the circle (it is reached at a latitude a little poleward of the center).
            var spread = GreatCircle.Degrees(Math.Asin(Math.Sin(GreatCircle.Radians(angle)) / Math.Cos(GreatCircle.Radians(center.Latitude))));
            (firstLng, lastLng) = (center.Longitude - spread, center.Longitude + spread);
        }

        var latCells = Enumerable.Range(LatCell(Math.Max(minLat, -90)), LatCell(Math.Min(maxLat, 90)) - LatCell(Math.Max(minLat, -90)) + 1);
        var lngCount = Math.Min(360, (int)Math.Floor(lastLng) - (int)Math.Floor(firstLng) + 1);
        var lngCells = Enumerable.Range((int)Math.Floor(firstLng), lngCount).Select(WrapLng).Distinct().ToArray();
        return latCells.SelectMany(lat => lngCells.Select(lng => (lat, lng)));
    }

    private static (int Lat, int Lng) CellOf(GeoLocation location) => (LatCell(location.Latitude), WrapLng((int)Math.Floor(location.Longitude)));

    /// <summary>Latitude 90 shares the top row with 89.x, so that every latitude has a cell.</summary>
    private static int LatCell(double latitude) => Math.Min(89, (int)Math.Floor(latitude));

    /// <summary>Longitude cells -180..179; 180 is the same meridian as -180.</summary>
    private static int WrapLng(int lngCell) => ((lngCell + 180) % 360 + 360) % 360 - 180;
}
