package io.reqldb.query.terms.geo;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.query.terms.geo.Geodesy.Ellipsoid;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Distances and circles equal RethinkDB 2.4's doubles bit for bit (values from its own test suite). */
class GeodesyTest {

    private static double distance(double lon1, double lat1, double lon2, double lat2, Ellipsoid e) {
        // Through S2 points and back, as RethinkDB measures from a point to a geometry.
        GeoJson.LonLat a = GeoJson.lonLat(GeoJson.toS2Point(new GeoJson.LonLat(lon1, lat1)));
        GeoJson.LonLat b = GeoJson.lonLat(GeoJson.toS2Point(new GeoJson.LonLat(lon2, lat2)));
        return Geodesy.distance(a, b, e);
    }

    @Test
    void distancesOnWgs84() {
        assertThat(distance(-122, 37, -123, 37, Ellipsoid.WGS84)).isEqualTo(89011.26253835332);
        assertThat(distance(-122, 37, -122, 36, Ellipsoid.WGS84)).isEqualTo(110968.30443995494);
        assertThat(distance(0, 0, 180, 0, Ellipsoid.WGS84) * 2).isEqualTo(40007862.917250897);
        assertThat(distance(0, -90, 0, 90, Ellipsoid.WGS84) * 2).isEqualTo(40007862.917250897);
    }

    @Test
    void distancesOnTheUnitSphere() {
        assertThat(distance(-122, 37, -123, 37, Ellipsoid.UNIT_SPHERE)).isEqualTo(0.01393875509649327);
    }

    @Test
    void circleVertices() {
        List<GeoJson.LonLat> circle = Geodesy.circle(new GeoJson.LonLat(0, 0), 1, 3, Ellipsoid.WGS84);
        assertThat(circle).containsExactly(
                new GeoJson.LonLat(0, -9.04369477050382e-06),
                new GeoJson.LonLat(-7.779638566553426e-06, 4.5218473852518965e-06),
                new GeoJson.LonLat(7.779638566553426e-06, 4.5218473852518965e-06),
                new GeoJson.LonLat(0, -9.04369477050382e-06));
    }

    /**
     * Nearly antipodal points take the astroid start and the Newton iteration, on oblate and prolate
     * ellipsoids (values from RethinkDB's geodesic code compiled with a C library).
     */
    @Test
    void nearlyAntipodalPointsConvergeToTheReferenceDoubles() {
        assertThat(Geodesy.distance(new GeoJson.LonLat(0, 0.5), new GeoJson.LonLat(179.5, -0.5), Ellipsoid.WGS84))
                .isEqualTo(19980861.908890963);
        assertThat(Geodesy.distance(new GeoJson.LonLat(0, 30), new GeoJson.LonLat(179.5, 29.5), Ellipsoid.WGS84))
                .isEqualTo(13418916.930367222);
        assertThat(Geodesy.distance(new GeoJson.LonLat(0, 10), new GeoJson.LonLat(179.8, -10.2),
                new Ellipsoid(6378137.0, -1.0 / 150))).isEqualTo(20015996.661037125);
        assertThat(Geodesy.distance(new GeoJson.LonLat(10, 20), new GeoJson.LonLat(10, 20), Ellipsoid.WGS84)).isZero();
    }
}
