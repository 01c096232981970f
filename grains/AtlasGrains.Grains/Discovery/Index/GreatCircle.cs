using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Grains.Discovery.Index;

/// <summary>Great-circle distances on a spherical Earth (the mean radius), by the haversine formula.</summary>
public static class GreatCircle
{
    public const double EarthRadiusKm = 6371.0088;
    public const double KmPerMile = 1.609344;

    /// <summary>Half the Earth's circumference: no two points are farther apart.</summary>
    public const double MaxDistanceKm = Math.PI * EarthRadiusKm;

    public static double DistanceKm(GeoLocation from, GeoLocation to)
    {
        var dLat = Radians(to.Latitude - from.Latitude);
        var dLng = Radians(to.Longitude - from.Longitude);
        var h = Math.Pow(Math.Sin(dLat / 2), 2)
            + Math.Cos(Radians(from.Latitude)) * Math.Cos(Radians(to.Latitude)) * Math.Pow(Math.Sin(dLng / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    public static double ToMiles(double km) => km / KmPerMile;

    public static double Radians(double degrees) => degrees * Math.PI / 180;

    public static double Degrees(double radians) => radians * 180 / Math.PI;
}
