package io.reqldb.query.terms.geo;

/**
 * Karney's geodesic algorithms (C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87, 2013)
 * with the arithmetic of the edition RethinkDB 2.4 carries in {@code src/rdb_protocol/geo/karney/}
 * (series of order 6, the 2013 Newton iteration and astroid start), step for step, so that
 * distances and circle vertices equal RethinkDB's to the last bit. Later GeographicLib releases
 * (the Java one included) reorder the arithmetic and differ in the last digits, which RethinkDB's
 * users and tests see in every {@code distance} and {@code circle}.
 *
 * <p>Only what ReQL needs is here: the inverse problem's distance and the direct problem's end
 * point. Both follow the reference's code paths for exactly those outputs.
 */
final class KarneyGeodesic {
    private static final int ORDER = 6;
    private static final int MAXIT1 = 20;
    private static final int MAXIT2 = MAXIT1 + 53 + 10;
    private static final double EPSILON = Math.ulp(1.0);
    private static final double TINY = Math.sqrt(Double.MIN_NORMAL);
    private static final double TOL0 = EPSILON;
    private static final double TOL1 = 200 * TOL0;
    private static final double TOL2 = Math.sqrt(TOL0);
    private static final double TOLB = TOL0 * TOL2;
    private static final double XTHRESH = 1000 * TOL2;
    private static final double PI = Math.PI;
    private static final double DEGREE = PI / 180;

    private final double a;
    private final double f;
    private final double f1;
    private final double ep2;
    private final double n;
    private final double b;
    private final double etol2;
    private final double[] a3x = new double[ORDER];
    private final double[] c3x = new double[ORDER * (ORDER - 1) / 2];

    KarneyGeodesic(double a, double flattening) {
        this.a = a;
        this.f = flattening <= 1 ? flattening : 1 / flattening;
        this.f1 = 1 - f;
        double e2 = f * (2 - f);
        this.ep2 = e2 / sq(f1);
        this.n = f / (2 - f);
        this.b = a * f1;
        this.etol2 = 0.1 * TOL2 / Math.sqrt(Math.max(0.001, Math.abs(f)) * Math.min(1.0, 1 - f / 2) / 2);
        a3coeff();
        c3coeff();
    }

    /** The distance in meters between two points given in degrees. */
    double inverseDistance(double lat1, double lon1, double lat2, double lon2) {
        double lon12 = angRound(angDiff(angNormalize(lon1), angNormalize(lon2)));
        int lonsign = lon12 >= 0 ? 1 : -1;
        lon12 *= lonsign;
        lat1 = angRound(lat1);
        lat2 = angRound(lat2);
        // Point 1 gets the larger absolute latitude, and is made southern.
        if (Math.abs(lat1) < Math.abs(lat2)) {
            double t = lat1;
            lat1 = lat2;
            lat2 = t;
        }
        int latsign = lat1 < 0 ? 1 : -1;
        lat1 *= latsign;
        lat2 *= latsign;

        double phi = lat1 * DEGREE;
        double[] sc1 = normalized(f1 * RoundedMath.sin(phi), lat1 == -90 ? TINY : RoundedMath.cos(phi));
        double sbet1 = sc1[0];
        double cbet1 = sc1[1];
        phi = lat2 * DEGREE;
        double[] sc2 = normalized(f1 * RoundedMath.sin(phi), Math.abs(lat2) == 90 ? TINY : RoundedMath.cos(phi));
        double sbet2 = sc2[0];
        double cbet2 = sc2[1];
        // Force bet2 = +/- bet1 exactly where the two differ only by rounding.
        if (cbet1 < -sbet1) {
            if (cbet2 == cbet1) {
                sbet2 = sbet2 < 0 ? sbet1 : -sbet1;
            }
        } else if (Math.abs(sbet2) == -sbet1) {
            cbet2 = cbet1;
        }
        double dn1 = Math.sqrt(1 + ep2 * sq(sbet1));
        double dn2 = Math.sqrt(1 + ep2 * sq(sbet2));

        double lam12 = lon12 * DEGREE;
        double slam12 = lon12 == 180 ? 0 : RoundedMath.sin(lam12);
        double clam12 = RoundedMath.cos(lam12);
        boolean meridian = lat1 == -90 || slam12 == 0;
        double s12x = 0;
        double sig12;

        if (meridian) {
            double calp1 = clam12;
            double ssig1 = sbet1;
            double csig1 = calp1 * cbet1;
            double ssig2 = sbet2;
            double csig2 = cbet2;
            sig12 = RoundedMath.atan2(Math.max(csig1 * ssig2 - ssig1 * csig2, 0.0), csig1 * csig2 + ssig1 * ssig2);
            Lengths len = lengths(n, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2);
            if (sig12 < 1 || len.m12b >= 0) {
                s12x = len.s12b * b;
            } else {
                meridian = false; // prolate and nearly antipodal: not the shortest path
            }
        }

        if (!meridian && sbet1 == 0 && (f <= 0 || lam12 <= PI - f * PI)) {
            s12x = a * lam12; // along the equator
        } else if (!meridian) {
            Start start = inverseStart(sbet1, cbet1, dn1, sbet2, cbet2, dn2, lam12);
            if (start.sig12 >= 0) {
                s12x = start.sig12 * b * start.dnm; // short line
            } else {
                s12x = newtonDistance(sbet1, cbet1, dn1, sbet2, cbet2, dn2, lam12, start.salp1, start.calp1);
            }
        }
        return 0 + s12x;
    }

    /** Solves lambda12(alp1) = lam12 for alp1 by Newton's method within a bracket, then measures. */
    private double newtonDistance(double sbet1, double cbet1, double dn1, double sbet2, double cbet2, double dn2,
                                  double lam12, double salp1, double calp1) {
        double salp1a = TINY;
        double calp1a = 1;
        double salp1b = TINY;
        double calp1b = -1;
        boolean tripn = false;
        boolean tripb = false;
        Lambda l = null;
        for (int numit = 0; numit < MAXIT2; ++numit) {
            l = lambda12(sbet1, cbet1, dn1, sbet2, cbet2, dn2, salp1, calp1, numit < MAXIT1);
            double v = l.lam12 - lam12;
            if (tripb || !(Math.abs(v) >= (tripn ? 8 : 2) * TOL0)) {
                break;
            }
            if (v > 0 && (numit > MAXIT1 || calp1 / salp1 > calp1b / salp1b)) {
                salp1b = salp1;
                calp1b = calp1;
            } else if (v < 0 && (numit > MAXIT1 || calp1 / salp1 < calp1a / salp1a)) {
                salp1a = salp1;
                calp1a = calp1;
            }
            if (numit < MAXIT1 && l.dlam12 > 0) {
                double dalp1 = -v / l.dlam12;
                double sdalp1 = RoundedMath.sin(dalp1);
                double cdalp1 = RoundedMath.cos(dalp1);
                double nsalp1 = salp1 * cdalp1 + calp1 * sdalp1;
                if (nsalp1 > 0 && Math.abs(dalp1) < PI) {
                    double[] sc = normalized(nsalp1, calp1 * cdalp1 - salp1 * sdalp1);
                    salp1 = sc[0];
                    calp1 = sc[1];
                    tripn = Math.abs(v) <= 16 * TOL0;
                    continue;
                }
            }
            double[] sc = normalized((salp1a + salp1b) / 2, (calp1a + calp1b) / 2);
            salp1 = sc[0];
            calp1 = sc[1];
            tripn = false;
            tripb = Math.abs(salp1a - salp1) + (calp1a - calp1) < TOLB
                    || Math.abs(salp1 - salp1b) + (calp1 - calp1b) < TOLB;
        }
        Lengths len = lengths(l.eps, l.sig12, l.ssig1, l.csig1, dn1, l.ssig2, l.csig2, dn2);
        return len.s12b * b;
    }

    /** The end point {lat, lon} in degrees of the geodesic from a point along an azimuth for a distance. */
    double[] direct(double lat1, double lon1, double azi1, double s12) {
        azi1 = angRound(angNormalize(azi1));
        lon1 = angNormalize(lon1);
        double alp1 = azi1 * DEGREE;
        double salp1 = azi1 == -180 ? 0 : RoundedMath.sin(alp1);
        double calp1 = Math.abs(azi1) == 90 ? 0 : RoundedMath.cos(alp1);
        double phi = lat1 * DEGREE;
        double[] sc = normalized(f1 * RoundedMath.sin(phi), Math.abs(lat1) == 90 ? TINY : RoundedMath.cos(phi));
        double sbet1 = sc[0];
        double cbet1 = sc[1];

        double salp0 = salp1 * cbet1;
        double calp0 = hypot(calp1, salp1 * sbet1);
        double somg1 = salp0 * sbet1;
        double comg1 = sbet1 != 0 || calp1 != 0 ? cbet1 * calp1 : 1;
        double[] sig1 = normalized(sbet1, comg1);
        double ssig1 = sig1[0];
        double csig1 = sig1[1];

        double k2 = sq(calp0) * ep2;
        double eps = k2 / (2 * (1 + Math.sqrt(1 + k2)) + k2);
        double a1m1 = a1m1f(eps);
        double[] c1a = c1f(eps);
        double b11 = sinCosSeries(true, ssig1, csig1, c1a, ORDER);
        double s = RoundedMath.sin(b11);
        double c = RoundedMath.cos(b11);
        double stau1 = ssig1 * c + csig1 * s;
        double ctau1 = csig1 * c - ssig1 * s;
        double[] c1pa = c1pf(eps);
        double[] c3a = c3f(eps);
        double a3c = -f * salp0 * a3f(eps);
        double b31 = sinCosSeries(true, ssig1, csig1, c3a, ORDER - 1);

        double tau12 = s12 / (b * (1 + a1m1));
        s = RoundedMath.sin(tau12);
        c = RoundedMath.cos(tau12);
        double b12 = -sinCosSeries(true, stau1 * c + ctau1 * s, ctau1 * c - stau1 * s, c1pa, ORDER);
        double sig12 = tau12 - (b12 - b11);
        double ssig12 = RoundedMath.sin(sig12);
        double csig12 = RoundedMath.cos(sig12);
        if (Math.abs(f) > 0.01) {
            // The reverted series is inaccurate for |f| > 1/100: one Newton step corrects sig12.
            double ssig2p = ssig1 * csig12 + csig1 * ssig12;
            double csig2p = csig1 * csig12 - ssig1 * ssig12;
            b12 = sinCosSeries(true, ssig2p, csig2p, c1a, ORDER);
            double serr = (1 + a1m1) * (sig12 + (b12 - b11)) - s12 / b;
            sig12 = sig12 - serr / Math.sqrt(1 + k2 * sq(ssig2p));
            ssig12 = RoundedMath.sin(sig12);
            csig12 = RoundedMath.cos(sig12);
        }
        double ssig2 = ssig1 * csig12 + csig1 * ssig12;
        double csig2 = csig1 * csig12 - ssig1 * ssig12;
        double sbet2 = calp0 * ssig2;
        double cbet2 = hypot(salp0, calp0 * csig2);
        if (cbet2 == 0) {
            cbet2 = TINY;
            csig2 = TINY;
        }
        double somg2 = salp0 * ssig2;
        double comg2 = csig2;
        double omg12 = RoundedMath.atan2(somg2 * comg1 - comg2 * somg1, comg2 * comg1 + somg2 * somg1);
        double lam12 = omg12 + a3c * (sig12 + (sinCosSeries(true, ssig2, csig2, c3a, ORDER - 1) - b31));
        double lon12 = angNormalize(lam12 / DEGREE % 360.0);
        double lon2 = angNormalize(lon1 + lon12);
        double lat2 = RoundedMath.atan2(sbet2, f1 * cbet2) / DEGREE;
        return new double[] {lat2, lon2};
    }

    private record Lengths(double s12b, double m12b, double m0) {
    }

    /** Distance and reduced length over b, and the secular term's coefficient. */
    private Lengths lengths(double eps, double sig12, double ssig1, double csig1, double dn1,
                            double ssig2, double csig2, double dn2) {
        double[] c1a = c1f(eps);
        double[] c2a = c2f(eps);
        double a1m1 = a1m1f(eps);
        double ab1 = (1 + a1m1) * (sinCosSeries(true, ssig2, csig2, c1a, ORDER)
                - sinCosSeries(true, ssig1, csig1, c1a, ORDER));
        double a2m1 = a2m1f(eps);
        double ab2 = (1 + a2m1) * (sinCosSeries(true, ssig2, csig2, c2a, ORDER)
                - sinCosSeries(true, ssig1, csig1, c2a, ORDER));
        double m0 = a1m1 - a2m1;
        double j12 = m0 * sig12 + (ab1 - ab2);
        double m12b = dn2 * (csig1 * ssig2) - dn1 * (ssig1 * csig2) - csig1 * csig2 * j12;
        double s12b = (1 + a1m1) * sig12 + ab1;
        return new Lengths(s12b, m12b, m0);
    }

    private record Start(double sig12, double salp1, double calp1, double dnm) {
    }

    /** A starting azimuth for Newton's method, or (sig12 >= 0) the whole answer for short lines. */
    private Start inverseStart(double sbet1, double cbet1, double dn1, double sbet2, double cbet2, double dn2,
                               double lam12) {
        double sig12 = -1;
        double salp1;
        double calp1;
        double dnm = 0;
        double sbet12 = sbet2 * cbet1 - cbet2 * sbet1;
        double cbet12 = cbet2 * cbet1 + sbet2 * sbet1;
        double sbet12a = sbet2 * cbet1 + cbet2 * sbet1;
        boolean shortline = cbet12 >= 0 && sbet12 < 0.5 && cbet2 * lam12 < 0.5;
        double omg12 = lam12;
        if (shortline) {
            double sbetm2 = sq(sbet1 + sbet2);
            sbetm2 /= sbetm2 + sq(cbet1 + cbet2);
            dnm = Math.sqrt(1 + ep2 * sbetm2);
            omg12 /= f1 * dnm;
        }
        double somg12 = RoundedMath.sin(omg12);
        double comg12 = RoundedMath.cos(omg12);
        salp1 = cbet2 * somg12;
        calp1 = comg12 >= 0
                ? sbet12 + cbet2 * sbet1 * sq(somg12) / (1 + comg12)
                : sbet12a - cbet2 * sbet1 * sq(somg12) / (1 - comg12);
        double ssig12 = hypot(salp1, calp1);
        double csig12 = sbet1 * sbet2 + cbet1 * cbet2 * comg12;

        if (shortline && ssig12 < etol2) {
            sig12 = RoundedMath.atan2(ssig12, csig12); // really short lines
        } else if (Math.abs(n) > 0.1 || csig12 >= 0 || ssig12 >= 6 * Math.abs(n) * PI * sq(cbet1)) {
            // the zeroth order spherical approximation is good enough
        } else {
            // Nearly antipodal: scale to coordinates where the antipode is the origin and solve the astroid.
            double x;
            double y;
            double lamscale;
            double betscale;
            if (f >= 0) {
                double k2 = sq(sbet1) * ep2;
                double eps = k2 / (2 * (1 + Math.sqrt(1 + k2)) + k2);
                lamscale = f * cbet1 * a3f(eps) * PI;
                betscale = lamscale * cbet1;
                x = (lam12 - PI) / lamscale;
                y = sbet12a / betscale;
            } else {
                double cbet12a = cbet2 * cbet1 - sbet2 * sbet1;
                double bet12a = RoundedMath.atan2(sbet12a, cbet12a);
                Lengths len = lengths(n, PI + bet12a, sbet1, -cbet1, dn1, sbet2, cbet2, dn2);
                x = -1 + len.m12b / (cbet1 * cbet2 * len.m0 * PI);
                betscale = x < -0.01 ? sbet12a / x : -f * sq(cbet1) * PI;
                lamscale = betscale / cbet1;
                y = (lam12 - PI) / lamscale;
            }
            if (y > -TOL1 && x > -1 - XTHRESH) {
                if (f >= 0) {
                    salp1 = Math.min(1.0, -x);
                    calp1 = -Math.sqrt(1 - sq(salp1));
                } else {
                    calp1 = Math.max(x > -TOL1 ? 0.0 : -1.0, x);
                    salp1 = Math.sqrt(1 - sq(calp1));
                }
            } else {
                double k = astroid(x, y);
                double omg12a = lamscale * (f >= 0 ? -x * k / (1 + k) : -y * (1 + k) / k);
                somg12 = RoundedMath.sin(omg12a);
                comg12 = -RoundedMath.cos(omg12a);
                salp1 = cbet2 * somg12;
                calp1 = sbet12a - cbet2 * sbet1 * sq(somg12) / (1 - comg12);
            }
        }
        if (salp1 > 0) {
            double[] sc = normalized(salp1, calp1);
            salp1 = sc[0];
            calp1 = sc[1];
        } else {
            salp1 = 1;
            calp1 = 0;
        }
        return new Start(sig12, salp1, calp1, dnm);
    }

    private record Lambda(double lam12, double dlam12, double sig12, double ssig1, double csig1,
                          double ssig2, double csig2, double eps) {
    }

    /** The longitude difference reached by the geodesic leaving point 1 at azimuth alp1, and its derivative. */
    private Lambda lambda12(double sbet1, double cbet1, double dn1, double sbet2, double cbet2, double dn2,
                            double salp1, double calp1, boolean diffp) {
        if (sbet1 == 0 && calp1 == 0) {
            calp1 = -TINY; // the equatorial line, handled before: break its degeneracy
        }
        double salp0 = salp1 * cbet1;
        double calp0 = hypot(calp1, salp1 * sbet1);
        double somg1 = salp0 * sbet1;
        double comg1 = calp1 * cbet1;
        double[] sig1 = normalized(sbet1, comg1);
        double ssig1 = sig1[0];
        double csig1 = sig1[1];
        double calp2 = cbet2 != cbet1 || Math.abs(sbet2) != -sbet1
                ? Math.sqrt(sq(calp1 * cbet1) + (cbet1 < -sbet1
                        ? (cbet2 - cbet1) * (cbet1 + cbet2)
                        : (sbet1 - sbet2) * (sbet1 + sbet2))) / cbet2
                : Math.abs(calp1);
        double somg2 = salp0 * sbet2;
        double comg2 = calp2 * cbet2;
        double[] sig2 = normalized(sbet2, comg2);
        double ssig2 = sig2[0];
        double csig2 = sig2[1];
        double sig12 = RoundedMath.atan2(Math.max(csig1 * ssig2 - ssig1 * csig2, 0.0), csig1 * csig2 + ssig1 * ssig2);
        double omg12 = RoundedMath.atan2(Math.max(comg1 * somg2 - somg1 * comg2, 0.0), comg1 * comg2 + somg1 * somg2);
        double k2 = sq(calp0) * ep2;
        double eps = k2 / (2 * (1 + Math.sqrt(1 + k2)) + k2);
        double[] c3a = c3f(eps);
        double b312 = sinCosSeries(true, ssig2, csig2, c3a, ORDER - 1)
                - sinCosSeries(true, ssig1, csig1, c3a, ORDER - 1);
        double h0 = -f * a3f(eps);
        double domg12 = salp0 * h0 * (sig12 + b312);
        double lam12 = omg12 + domg12;
        double dlam12 = 0;
        if (diffp) {
            if (calp2 == 0) {
                dlam12 = -2 * f1 * dn1 / sbet1;
            } else {
                dlam12 = lengths(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2).m12b;
                dlam12 *= f1 / (calp2 * cbet2);
            }
        }
        return new Lambda(lam12, dlam12, sig12, ssig1, csig1, ssig2, csig2, eps);
    }

    /** The positive root k of k^4 + 2k^3 - (x^2 + y^2 - 1)k^2 - 2y^2 k - y^2 = 0. */
    private static double astroid(double x, double y) {
        double p = sq(x);
        double q = sq(y);
        double r = (p + q - 1) / 6;
        if (q == 0 && r <= 0) {
            return 0;
        }
        double s = p * q / 4;
        double r2 = sq(r);
        double r3 = r * r2;
        double disc = s * (s + 2 * r3);
        double u = r;
        if (disc >= 0) {
            double t3 = s + r3;
            t3 += t3 < 0 ? -Math.sqrt(disc) : Math.sqrt(disc); // the sign that avoids cancellation
            double t = cbrt(t3);
            u += t + (t != 0 ? r2 / t : 0);
        } else {
            double ang = RoundedMath.atan2(Math.sqrt(-disc), -(s + r3));
            u += 2 * r * RoundedMath.cos(ang / 3);
        }
        double v = Math.sqrt(sq(u) + q);
        double uv = u < 0 ? q / (v - u) : u + v;
        double w = (uv - q) / (2 * v);
        return uv / (Math.sqrt(uv + sq(w)) + w);
    }

    /** Clenshaw summation of sum c[i] sin(2ix), i = 1..n, or sum c[i] cos((2i+1)x), i = 0..n-1. */
    private static double sinCosSeries(boolean sinp, double sinx, double cosx, double[] c, int n) {
        int i = n + (sinp ? 1 : 0);
        double ar = 2 * (cosx - sinx) * (cosx + sinx);
        double y0 = (n & 1) != 0 ? c[--i] : 0;
        double y1 = 0;
        for (int pairs = n / 2; pairs > 0; pairs--) {
            y1 = ar * y0 - y1 + c[--i];
            y0 = ar * y1 - y0 + c[--i];
        }
        return sinp ? 2 * sinx * cosx * y0 : cosx * (y0 - y1);
    }

    private double a3f(double eps) {
        double v = 0;
        for (int i = ORDER; i > 0; ) {
            v = eps * v + a3x[--i];
        }
        return v;
    }

    private double[] c3f(double eps) {
        double[] c = new double[ORDER];
        int j = c3x.length;
        for (int k = ORDER - 1; k > 0; ) {
            double t = 0;
            for (int i = ORDER - k; i > 0; --i) {
                t = eps * t + c3x[--j];
            }
            c[k--] = t;
        }
        double mult = 1;
        for (int k = 1; k < ORDER; ) {
            mult *= eps;
            c[k++] *= mult;
        }
        return c;
    }

    private static double a1m1f(double eps) {
        double eps2 = sq(eps);
        double t = eps2 * (eps2 * (eps2 + 4) + 64) / 256;
        return (t + eps) / (1 - eps);
    }

    private static double[] c1f(double eps) {
        double[] c = new double[ORDER + 1];
        double eps2 = sq(eps);
        double d = eps;
        c[1] = d * ((6 - eps2) * eps2 - 16) / 32;
        d *= eps;
        c[2] = d * ((64 - 9 * eps2) * eps2 - 128) / 2048;
        d *= eps;
        c[3] = d * (9 * eps2 - 16) / 768;
        d *= eps;
        c[4] = d * (3 * eps2 - 5) / 512;
        d *= eps;
        c[5] = -7 * d / 1280;
        d *= eps;
        c[6] = -7 * d / 2048;
        return c;
    }

    private static double[] c1pf(double eps) {
        double[] c = new double[ORDER + 1];
        double eps2 = sq(eps);
        double d = eps;
        c[1] = d * (eps2 * (205 * eps2 - 432) + 768) / 1536;
        d *= eps;
        c[2] = d * (eps2 * (4005 * eps2 - 4736) + 3840) / 12288;
        d *= eps;
        c[3] = d * (116 - 225 * eps2) / 384;
        d *= eps;
        c[4] = d * (2695 - 7173 * eps2) / 7680;
        d *= eps;
        c[5] = 3467 * d / 7680;
        d *= eps;
        c[6] = 38081 * d / 61440;
        return c;
    }

    private static double a2m1f(double eps) {
        double eps2 = sq(eps);
        double t = eps2 * (eps2 * (25 * eps2 + 36) + 64) / 256;
        return t * (1 - eps) - eps;
    }

    private static double[] c2f(double eps) {
        double[] c = new double[ORDER + 1];
        double eps2 = sq(eps);
        double d = eps;
        c[1] = d * (eps2 * (eps2 + 2) + 16) / 32;
        d *= eps;
        c[2] = d * (eps2 * (35 * eps2 + 64) + 384) / 2048;
        d *= eps;
        c[3] = d * (15 * eps2 + 80) / 768;
        d *= eps;
        c[4] = d * (7 * eps2 + 35) / 512;
        d *= eps;
        c[5] = 63 * d / 1280;
        d *= eps;
        c[6] = 77 * d / 2048;
        return c;
    }

    private void a3coeff() {
        a3x[0] = 1;
        a3x[1] = (n - 1) / 2;
        a3x[2] = (n * (3 * n - 1) - 2) / 8;
        a3x[3] = ((-n - 3) * n - 1) / 16;
        a3x[4] = (-2 * n - 3) / 64;
        a3x[5] = -3 / 128.0;
    }

    private void c3coeff() {
        c3x[0] = (1 - n) / 4;
        c3x[1] = (1 - n * n) / 8;
        c3x[2] = ((3 - n) * n + 3) / 64;
        c3x[3] = (2 * n + 5) / 128;
        c3x[4] = 3 / 128.0;
        c3x[5] = ((n - 3) * n + 2) / 32;
        c3x[6] = ((-3 * n - 2) * n + 3) / 64;
        c3x[7] = (n + 3) / 128;
        c3x[8] = 5 / 256.0;
        c3x[9] = (n * (5 * n - 9) + 5) / 192;
        c3x[10] = (9 - 10 * n) / 384;
        c3x[11] = 7 / 512.0;
        c3x[12] = (7 - 14 * n) / 512;
        c3x[13] = 7 / 512.0;
        c3x[14] = 21 / 2560.0;
    }

    private static double sq(double x) {
        return x * x;
    }

    /** The reference's hypot: the plain formula, not the library's overflow-safe one. */
    private static double hypot(double x, double y) {
        return Math.sqrt(x * x + y * y);
    }

    /** The reference's real cube root, through pow. */
    private static double cbrt(double x) {
        double y = Math.pow(Math.abs(x), 1 / 3.0);
        return x < 0 ? -y : y;
    }

    private static double[] normalized(double sinx, double cosx) {
        double r = hypot(sinx, cosx);
        return new double[] {sinx / r, cosx / r};
    }

    private static double angNormalize(double x) {
        return x >= 180 ? x - 360 : (x < -180 ? x + 360 : x);
    }

    /** y - x reduced to [-180, 180], using an error-free sum so the result is exact where it can be. */
    private static double angDiff(double x, double y) {
        double u = -x;
        double s = u + y;
        double up = s - y;
        double vpp = s - up;
        up -= u;
        vpp -= y;
        double t = -(up + vpp);
        double d = s;
        if ((d - 180.0) + t > 0.0) {
            d -= 360.0;
        } else if ((d + 180.0) + t <= 0.0) {
            d += 360.0;
        }
        return d + t;
    }

    /** Rounds tiny values so that they become exact multiples of 1/16 ulp, as the reference does. */
    private static double angRound(double x) {
        double z = 1 / 16.0;
        double y = Math.abs(x);
        y = y < z ? z - (z - y) : y;
        return x < 0 ? -y : y;
    }
}
