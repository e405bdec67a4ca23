// Where the simulated phone is until the developer moves it: Beijing (Tiananmen Square), in
// WGS-84, still (speed -1, as WeChat reports a phone that is not moving) and with WeChat
// DevTools' usual 65 m accuracy. Shared with the Phone panel's settings table.
export const DEFAULT_POSITION = { latitude: 39.9042, longitude: 116.4074, altitude: 43.5, accuracy: 65, speed: -1 };
