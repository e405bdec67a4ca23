//! `chooseLocation`'s list: places around a centre, as the phone's picker lists what is
//! near (no map tiles are needed offline). The names are generic kinds of place, each at a
//! fixed bearing and distance, so the same centre always gives the same list.

use super::coords::gcj02_from_wgs84;

/// One place the picker offers.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// What the place is called.
    pub name: String,
    /// Where it is, in words.
    pub address: String,
    /// GCJ-02 degrees north (chooseLocation answers in GCJ-02).
    pub latitude: f64,
    /// GCJ-02 degrees east.
    pub longitude: f64,
}

/// (name, bearing in degrees from north, distance in metres)
const AROUND: &[(&str, f64, f64)] = &[
    ("当前位置", 0.0, 0.0),
    ("地铁站", 45.0, 320.0),
    ("人民公园", 120.0, 650.0),
    ("中心医院", 200.0, 900.0),
    ("图书馆", 270.0, 450.0),
    ("购物中心", 330.0, 1200.0),
    ("第一中学", 160.0, 1500.0),
    ("火车站", 80.0, 2600.0),
];

const METRES_PER_DEGREE: f64 = 111_320.0;

fn direction(bearing: f64) -> &'static str {
    const NAMES: [&str; 8] = ["北", "东北", "东", "东南", "南", "西南", "西", "西北"];
    NAMES[((bearing / 45.0).round() as usize) % 8]
}

/// The places around the WGS-84 centre `(latitude, longitude)`, nearest first, in GCJ-02.
pub fn nearby_places(latitude: f64, longitude: f64) -> Vec<Place> {
    AROUND
        .iter()
        .map(|&(name, bearing, metres)| {
            let rad = bearing.to_radians();
            let lat = latitude + metres * rad.cos() / METRES_PER_DEGREE;
            let lng =
                longitude + metres * rad.sin() / (METRES_PER_DEGREE * latitude.to_radians().cos());
            let (latitude, longitude) = gcj02_from_wgs84(lat, lng);
            let address = if metres == 0.0 {
                format!("{latitude:.6},{longitude:.6}")
            } else {
                format!("{}方向 {} 米", direction(bearing), metres)
            };
            Place {
                name: name.to_owned(),
                address,
                latitude,
                longitude,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_surround_the_centre_nearest_first() {
        let places = nearby_places(39.9042, 116.4074);
        assert_eq!(places.len(), AROUND.len());
        assert_eq!(places[0].name, "当前位置");
        assert_eq!(places[1].address, "东北方向 320 米");
        let spread = |p: &Place| (p.latitude - 39.9056).hypot(p.longitude - 116.4136);
        assert!(places.iter().all(|p| spread(p) < 0.04));
        assert!(spread(&places[7]) > spread(&places[1]));
        assert_eq!(
            nearby_places(39.9042, 116.4074),
            places,
            "the same centre gives the same list"
        );
    }
}
