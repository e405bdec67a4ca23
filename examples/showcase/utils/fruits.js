export const FRUITS = [
  { id: 1, name: 'Apple', price: 3.5, stars: 4, color: '#e74c3c' },
  { id: 2, name: 'Banana', price: 1.25, stars: 3, color: '#f1c40f' },
  { id: 3, name: 'Cherry', price: 12, stars: 5, color: '#c0392b' },
  { id: 4, name: 'Durian', price: 48, stars: 2, color: '#a3a948' },
  { id: 5, name: 'Elderberry', price: 9.9, stars: 3, color: '#5b2c6f' }
]

export function findFruit(id) {
  return FRUITS.find(fruit => fruit.id === Number(id))
}
